/** The output formats of `nicvirt rfc2544` (its formatters are in rfc2544Formats.ts). */
export const RFC2544_FORMAT_NAMES = ['table', 'json', 'csv', 'markdown'] as const;

export type Rfc2544Format = (typeof RFC2544_FORMAT_NAMES)[number];
