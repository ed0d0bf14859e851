// One report, three representations: JSON by default, CSV or an SVG chart on request
// (Accept header, or ?format= for links and browsers that cannot set headers).
import type { Request, Response } from 'express';
import { ProblemError } from '../problem.js';
import { renderBarChartSvg } from './bar-chart-svg.js';
import { tableToCsv } from './csv.js';
import type { ReportFormat } from './report-query.js';
import type { ReportView } from './report-view.js';

const MEDIA_TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv',
  svg: 'image/svg+xml',
};

/** Decided before any query runs, so an unacceptable request costs nothing. */
export function chooseReportFormat(req: Request, requested: ReportFormat | undefined): ReportFormat {
  if (requested) return requested;
  const accepted = req.accepts(Object.values(MEDIA_TYPES));
  const format = (Object.keys(MEDIA_TYPES) as ReportFormat[]).find((key) => MEDIA_TYPES[key] === accepted);
  if (!format) {
    throw new ProblemError(406, 'not-acceptable', 'Not acceptable', 'Reports are available as application/json, text/csv and image/svg+xml.');
  }
  return format;
}

export function sendReport(res: Response, format: ReportFormat, report: unknown, view: () => ReportView): void {
  res.vary('Accept');
  // Figures change with every case; a cached copy would mislead.
  res.set('Cache-Control', 'private, no-store');
  switch (format) {
    case 'json':
      res.json(report);
      return;
    case 'csv': {
      const { csv, fileName } = view();
      res.set('Content-Disposition', `attachment; filename="${fileName}.csv"`);
      res.type('text/csv; charset=utf-8').send(tableToCsv(csv));
      return;
    }
    case 'svg':
      res.type('image/svg+xml; charset=utf-8').send(renderBarChartSvg(view().chart));
      return;
  }
}
