// One report, three representations: JSON by default, CSV or an SVG chart on request
// (Accept header, or ?format= for links and browsers that cannot set headers).
import type { Request } from 'express';
import { toCsv } from '../csv.js';
import { ProblemError } from '../problem.js';
import { reply, type Reply } from '../route-table/route.js';
import { renderBarChartSvg } from './bar-chart-svg.js';
import type { ReportFormat } from './report-query.js';
import type { ReportView } from './report-view.js';

export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv',
  svg: 'image/svg+xml',
};

/** Decided before any query runs, so an unacceptable request costs nothing. */
export function chooseReportFormat(req: Request, requested: ReportFormat | undefined): ReportFormat {
  if (requested) return requested;
  const accepted = req.accepts(Object.values(REPORT_MEDIA_TYPES));
  const format = (Object.keys(REPORT_MEDIA_TYPES) as ReportFormat[]).find((key) => REPORT_MEDIA_TYPES[key] === accepted);
  if (!format) {
    throw new ProblemError(406, 'not-acceptable', 'Not acceptable', 'Reports are available as application/json, text/csv and image/svg+xml.');
  }
  return format;
}

// Figures change with every case; a cached copy would mislead.
const REPORT_HEADERS = { Vary: 'Accept', 'Cache-Control': 'private, no-store' };

export function reportReply(format: ReportFormat, report: unknown, view: () => ReportView): Reply {
  switch (format) {
    case 'json':
      return reply.json(report, { headers: REPORT_HEADERS });
    case 'csv': {
      const { csv, fileName } = view();
      const rows = [...csv.rows, ...(csv.totalRow ? [csv.totalRow] : [])];
      return reply.media('text/csv; charset=utf-8', toCsv(csv.columns.map((column) => column.key), rows), {
        headers: REPORT_HEADERS,
        attachment: `${fileName}.csv`,
      });
    }
    case 'svg':
      return reply.media('image/svg+xml; charset=utf-8', renderBarChartSvg(view().chart), { headers: REPORT_HEADERS });
  }
}
