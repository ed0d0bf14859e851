// The overview page for decision makers: each report's chart inline, its tables and what
// the figures mean. Aggregates only; no contact is ever named.
import { renderBarChartSvg } from './bar-chart-svg.js';
import { escapeHtml } from '../../platform/html-escape.js';
import { formatCount, formatDecimal, formatShare } from './report-labels.js';
import type { CellValue, ReportColumn, ReportTable } from './report-table.js';
import type { ReportView } from './report-view.js';

const STYLE = `
  :root { color-scheme: light; }
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #f6f7f8;
         margin: 0; line-height: 1.5; }
  header, main { max-width: 980px; margin: 0 auto; padding: 0 24px; }
  header { padding-top: 32px; }
  h1 { font-size: 1.8rem; margin: 0 0 4px; }
  header p { margin: 0; color: #555; }
  section { background: #fff; border-radius: 8px; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08); margin: 24px 0; padding: 20px 24px; }
  h2 { font-size: 1.35rem; margin: 0 0 12px; }
  figure { margin: 0 0 16px; overflow-x: auto; }
  svg { max-width: 100%; height: auto; }
  .table-scroll { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; margin: 12px 0 20px; font-size: 0.92rem; }
  caption { text-align: left; font-weight: 600; padding-bottom: 6px; }
  th, td { padding: 6px 10px; border-bottom: 1px solid #e3e3e3; }
  th { text-align: left; vertical-align: bottom; background: #f0f3f5; }
  td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
  tfoot td, tfoot th { font-weight: 700; border-top: 2px solid #1a1a1a; }
  ul.notes { color: #444; font-size: 0.9rem; padding-left: 20px; }
`;

function formatCell(column: ReportColumn, value: CellValue): string {
  if (value === null) return formatShare(null);
  if (typeof value === 'string') return value;
  switch (column.kind) {
    case 'share':
      return formatShare(value);
    case 'decimal':
      return formatDecimal(value);
    default:
      return formatCount(value);
  }
}

function cellsHtml(table: ReportTable, row: CellValue[], labelOverride?: string): string {
  const visible = table.columns.flatMap((column, index) => (column.csvOnly ? [] : [{ column, value: row[index] ?? null }]));
  return visible
    .map(({ column, value }, index) => {
      if (index === 0) return `<th scope="row">${escapeHtml(labelOverride ?? formatCell(column, value))}</th>`;
      const numeric = column.kind !== 'text';
      return `<td${numeric ? ' class="number"' : ''}>${escapeHtml(formatCell(column, value))}</td>`;
    })
    .join('');
}

function tableHtml(table: ReportTable): string {
  const headings = table.columns
    .filter((column) => !column.csvOnly)
    .map((column) => `<th scope="col"${column.kind === 'text' ? '' : ' class="number"'}>${escapeHtml(column.label)}</th>`)
    .join('');
  const body = table.rows.map((row) => `<tr>${cellsHtml(table, row)}</tr>`).join('\n');
  const total = table.totalRow ? `<tfoot><tr>${cellsHtml(table, table.totalRow, 'Totalt')}</tr></tfoot>` : '';
  return `<div class="table-scroll"><table>
<caption>${escapeHtml(table.caption)}</caption>
<thead><tr>${headings}</tr></thead>
<tbody>
${body}
</tbody>
${total}
</table></div>`;
}

export function sectionHtml(view: ReportView): string {
  return `<section id="${escapeHtml(view.chart.id)}">
<h2>${escapeHtml(view.heading)}</h2>
<figure>${renderBarChartSvg(view.chart)}</figure>
${view.pageTables.map(tableHtml).join('\n')}
<ul class="notes">${view.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>
</section>`;
}

export function renderReportPage(input: { views: ReportView[]; generatedAt: string }): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Inflyttarvägledning – nyckeltal</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Inflyttarvägledning i Jämtland Härjedalen – nyckeltal</h1>
<p>Sammanställt ${escapeHtml(input.generatedAt)}. Endast summerade uppgifter, inga personuppgifter.</p>
</header>
<main>
${input.views.map(sectionHtml).join('\n')}
</main>
</body>
</html>
`;
}
