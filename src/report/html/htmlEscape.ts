/** Text for HTML element content and quoted attribute values: `& < > " '` escaped. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * JSON to place inside `<script type="application/json">`: `<`, `>` and `&` as \u escapes (so no
 * `</script>` or `<!--` can end or confuse the element, whatever the strings hold), and the line
 * separators U+2028/U+2029 escaped too. JSON.parse of the element's text gives the value back.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/**
 * A JavaScript library's source made safe to inline in a `<script>` element: the `<` of any
 * `</script` or `<!--` (which would end the element or switch the HTML parser into its escaped
 * state) becomes `\x3C`, which means `<` in the string, template or regular expression where such
 * text can occur (and is harmless in a comment). The source map comment goes: no map sits beside
 * the page.
 */
export function scriptSourceForInline(source: string): string {
  return source.replace(/^\/\/# sourceMappingURL=.*$/gm, '').replace(/<(\/script|!--)/gi, '\\x3C$1');
}
