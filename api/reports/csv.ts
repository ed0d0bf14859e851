// RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they need to be.
import type { CellValue, ReportTable } from './report-table.js';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
// Spreadsheets run text starting with these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function tableToCsv(table: ReportTable): string {
  const lines = [table.columns.map((column) => column.key), ...table.rows, ...(table.totalRow ? [table.totalRow] : [])];
  return lines.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}
