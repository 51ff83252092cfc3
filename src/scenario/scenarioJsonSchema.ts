import { z } from 'zod';
import { scenarioFileSchema } from './scenarioFileSchema.js';

/** A JSON Schema node, as far as this project reads one. */
export interface JsonSchemaNode {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly items?: JsonSchemaNode;
  readonly anyOf?: readonly JsonSchemaNode[];
  readonly oneOf?: readonly JsonSchemaNode[];
  readonly [key: string]: unknown;
}

let cached: JsonSchemaNode | undefined;

/**
 * The JSON Schema (draft-07, widest editor support) of the scenario format, generated from the zod
 * schema that validates files, so the two cannot drift.
 */
export function scenarioJsonSchema(): JsonSchemaNode {
  cached ??= z.toJSONSchema(scenarioFileSchema, { target: 'draft-7', io: 'input' }) as JsonSchemaNode;
  return cached;
}

/** `nicvirt schema` output: stable, two-space JSON with a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

/** Keys an object at `path` may have, across every alternative the schema allows there. */
export function allowedKeysAt(path: readonly (string | number)[]): readonly string[] {
  let nodes: JsonSchemaNode[] = [scenarioJsonSchema()];
  for (const segment of path) {
    const next: JsonSchemaNode[] = [];
    for (const node of nodes.flatMap(alternatives)) {
      if (typeof segment === 'string') {
        const child = node.properties?.[segment];
        if (child) next.push(child);
      } else if (node.items) {
        next.push(node.items);
      }
    }
    nodes = next;
  }
  const keys = new Set<string>();
  for (const node of nodes.flatMap(alternatives))
    for (const key of Object.keys(node.properties ?? {})) keys.add(key);
  return [...keys];
}

function alternatives(node: JsonSchemaNode): JsonSchemaNode[] {
  const options = [...(node.anyOf ?? []), ...(node.oneOf ?? [])];
  return options.length === 0 ? [node] : options.flatMap(alternatives);
}
