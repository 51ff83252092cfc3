/**
 * The report's stylesheet: two chart columns on a laptop screen, one on a narrow window, and a
 * print layout (A4 landscape, two charts a row, the table's header repeated on each page).
 */
export const REPORT_STYLESHEET = `
:root { --ink: #1a1a1a; --muted: #4d4d4d; --rule: #d6d6d6; --zebra: #f5f5f5; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 1480px; padding: 20px 28px 32px;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: var(--ink); background: #fff;
}
h1 { font-size: 1.55rem; margin: 0 0 4px; }
h2 { font-size: 1.1rem; margin: 0 0 8px; }
header { margin-bottom: 18px; border-bottom: 2px solid var(--ink); padding-bottom: 10px; }
header p { margin: 2px 0; }
.lede { font-size: 1.02rem; }
.summary { color: var(--muted); }
.notice { border: 1px solid #b35900; padding: 8px 12px; }
.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 18px 24px; }
figure.chart {
  margin: 0; padding: 12px 14px 10px; border: 1px solid var(--rule); border-radius: 6px;
  break-inside: avoid; page-break-inside: avoid; min-width: 0;
}
.plot { position: relative; height: 340px; }
figcaption { color: var(--muted); font-size: 0.84rem; margin-top: 6px; }
section { margin-top: 26px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 18px; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.84rem; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 8px; border-bottom: 1px solid #e1e1e1; text-align: left; white-space: nowrap; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); position: sticky; top: 0; background: #fff; }
th.num, td.num { text-align: right; }
td.wrap { white-space: normal; min-width: 18em; max-width: 40em; font-size: 0.95em; }
tbody tr:nth-child(even) { background: var(--zebra); }
footer { margin-top: 28px; color: var(--muted); font-size: 0.8rem; border-top: 1px solid var(--rule); padding-top: 8px; }
code { font-size: 0.92em; }
@media (max-width: 1000px) {
  body { padding: 14px; }
  .charts { grid-template-columns: minmax(0, 1fr); }
  .plot { height: 300px; }
}
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 9pt; }
  header { border-bottom-width: 1pt; margin-bottom: 4mm; padding-bottom: 2mm; }
  h1 { font-size: 14pt; }
  h2 { font-size: 10.5pt; margin-bottom: 1mm; }
  .charts { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 4mm 6mm; }
  figure.chart { border-color: #999; border-radius: 0; padding: 2mm 3mm; }
  .plot { height: 58mm; }
  /* Chart.js drew the canvas for the screen (or at 640 × 280 on beforeprint): scale it into the
     print box, undistorted. */
  .plot canvas { width: 100% !important; height: 100% !important; object-fit: contain; }
  figcaption { font-size: 7.5pt; margin-top: 1mm; }
  section { margin-top: 6mm; break-inside: avoid; page-break-inside: avoid; }
  section.charts, section.results { break-inside: auto; page-break-inside: auto; }
  section.results { break-before: page; }
  .table-wrap { overflow: visible; }
  table { font-size: 7.5pt; }
  thead { display: table-header-group; }
  thead th { position: static; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  td.wrap { min-width: 0; }
}
`;
