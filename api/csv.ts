// The one CSV writer: RFC 4180 (comma-separated, CRLF line ends, fields quoted when they
// need to be), with the spreadsheet-formula guard, since exports hold names and emails
// that anyone could type into a public form.
export type CsvCell = string | number | null;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
// Spreadsheets run text starting with these as a formula; a leading apostrophe makes it text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: readonly CsvCell[]) => `${cells.map(csvField).join(',')}\r\n`;

/** A whole table in memory, for answers known to be small. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  let csv = csvLine(header);
  for (const row of rows) csv += csvLine(row);
  return csv;
}

/** Streams a table page by page, for answers that can hold every contact. */
export async function* streamCsv(header: readonly string[], pages: AsyncIterable<ReadonlyArray<readonly CsvCell[]>>): AsyncIterable<string> {
  yield csvLine(header);
  for await (const page of pages) yield page.map(csvLine).join('');
}
