/** A field value of a CSV cell: missing values (undefined, null) are written as an empty field. */
export type CsvValue = string | number | boolean | null | undefined;

/** One CSV column: its header name and how a row's cell is read. */
export interface CsvColumn<Row> {
  readonly name: string;
  readonly value: (row: Row, index: number) => CsvValue;
}

/** RFC 4180 CSV: a header row of the column names, then one line per row, `\n` line ends. */
export function csvText<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): string {
  const lines = [columns.map((column) => csvField(column.name))];
  let index = 0;
  for (const row of rows) {
    const rowIndex = index++;
    lines.push(columns.map((column) => csvField(column.value(row, rowIndex))));
  }
  return lines.map((line) => `${line.join(',')}\n`).join('');
}

/** Empty for missing values; quoted when it holds `"`, `,` or a line break. */
function csvField(value: CsvValue): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
