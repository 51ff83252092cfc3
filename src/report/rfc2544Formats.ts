import type { Rfc2544Result } from '../rfc2544/rfc2544Result.js';
import type { Rfc2544Format } from './rfc2544FormatNames.js';
import { formatRfc2544Csv } from './rfc2544Csv.js';
import { formatRfc2544Json } from './rfc2544Json.js';
import { formatRfc2544Markdown } from './rfc2544Markdown.js';
import { formatRfc2544Table, type Rfc2544TableOptions } from './rfc2544Table.js';

export type Rfc2544Formatter = (result: Rfc2544Result, options: Rfc2544TableOptions) => string;

/** Output formats of `nicvirt rfc2544` by name; each a pure function of the result. */
export const RFC2544_FORMATS: Readonly<Record<Rfc2544Format, Rfc2544Formatter>> = {
  table: formatRfc2544Table,
  json: (result) => formatRfc2544Json(result),
  csv: (result) => formatRfc2544Csv(result),
  markdown: (result) => formatRfc2544Markdown(result),
};
