/** `--shard k/n`: the k-th of n disjoint parts of a sweep, 1 ≤ k ≤ n. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export type ShardResult =
  { readonly ok: true; readonly shard: Shard } | { readonly ok: false; readonly reason: string };

/** Parse `k/n`; k and n whole numbers with 1 ≤ k ≤ n. */
export function parseShard(raw: string): ShardResult {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  if (!match?.[1] || !match[2]) return { ok: false, reason: `"${raw}" is not k/n` };
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) return { ok: false, reason: `"${raw}": n must be at least 1` };
  if (index < 1 || index > count) return { ok: false, reason: `"${raw}": k must be from 1 to ${count}` };
  return { ok: true, shard: { index, count } };
}

/**
 * Whether point `point` (from 0) belongs to the shard. Points are dealt round-robin (point i goes
 * to shard i mod n + 1), so every shard gets a similar mix of modes and VM counts, and the split
 * depends only on the point list: every machine computes the same one.
 */
export function inShard(point: number, shard: Shard): boolean {
  return point % shard.count === shard.index - 1;
}

export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
