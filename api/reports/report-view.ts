// Everything a report shows besides its JSON: the CSV table, the tables and the chart
// of the overview page, and the words that explain the figures.
import type { BarChart } from './bar-chart-svg.js';
import type { ReportTable } from './report-table.js';

export interface ReportView {
  heading: string;
  /** Plain-language definitions for the page. */
  notes: string[];
  chart: BarChart;
  csv: ReportTable;
  pageTables: ReportTable[];
  /** Without extension; e.g. "intake_2026-01-01_2026-03-31". */
  fileName: string;
}
