// One table of a report, shared by the CSV download (codes and plain numbers) and the
// overview page (Swedish headings and formatted numbers).

export type CellValue = string | number | null;

/** How a column is shown on the page; CSV always writes the plain value. */
export type ColumnKind = 'text' | 'count' | 'share' | 'decimal';

export interface ReportColumn {
  /** CSV header: a stable machine name. */
  key: string;
  /** Page heading. */
  label: string;
  kind: ColumnKind;
  /** Codes that help a spreadsheet but not a reader, e.g. "are" next to "Åre". */
  csvOnly?: boolean;
}

export interface ReportTable {
  caption: string;
  columns: ReportColumn[];
  rows: CellValue[][];
  /** Sums over the rows, shown apart on the page and as the last CSV row. */
  totalRow?: CellValue[];
}
