import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';

/** Colour helpers. Colour is decided by the CLI and passed in; nothing here looks at a terminal. */
export interface ReportStyle {
  readonly chalk: ChalkInstance;
  readonly heading: (text: string) => string;
  readonly label: (text: string) => string;
  readonly good: (text: string) => string;
  readonly warn: (text: string) => string;
  readonly bad: (text: string) => string;
  readonly dim: (text: string) => string;
}

export function reportStyle(color: boolean): ReportStyle {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return {
    chalk,
    heading: (text) => chalk.bold(text),
    label: (text) => chalk.cyan(text),
    good: (text) => chalk.green(text),
    warn: (text) => chalk.yellow(text),
    bad: (text) => chalk.red(text),
    dim: (text) => chalk.dim(text),
  };
}

export interface BorderedTableSettings {
  readonly head: readonly string[];
  readonly alignRight?: readonly boolean[];
  readonly colWidths?: readonly (number | null)[];
  /** Separator lines between rows; useful when cells wrap over several lines. */
  readonly rowSeparators?: boolean;
}

/**
 * A cli-table3 table that never colours on its own (its default red header and grey border would
 * detect the terminal by themselves); colour comes only from the ReportStyle.
 */
export function borderedTable(
  style: ReportStyle,
  settings: BorderedTableSettings,
): InstanceType<typeof Table> {
  return new Table({
    head: settings.head.map((title) => style.heading(title)),
    style: { head: [], border: [], compact: settings.rowSeparators !== true },
    colAligns: settings.head.map((_, index) => (settings.alignRight?.[index] === true ? 'right' : 'left')),
    ...(settings.colWidths
      ? { colWidths: [...settings.colWidths], wordWrap: true, wrapOnWordBoundary: true }
      : {}),
  });
}

/** Two aligned columns without borders: `label   value`, continuation lines indented. */
export function keyValueLines(style: ReportStyle, rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  const lines: string[] = [];
  for (const [label, value] of rows) {
    const [first = '', ...rest] = value.split('\n');
    lines.push(`  ${style.label(label.padEnd(width))}  ${first}`.trimEnd());
    for (const line of rest) lines.push(`  ${' '.repeat(width)}  ${line}`.trimEnd());
  }
  return lines.join('\n');
}
