// Figures for decision makers (MISSION.md §8); any coordinator may read them.
import { formatStockholmDateTime } from '../../domain/stockholm-time.js';
import { access } from '../route-table/access.js';
import { defineRoute, htmlResponse, mediaResponse, reply } from '../route-table/route.js';
import { inMigrationReport } from '../reports/in-migration-report.js';
import { inMigrationView } from '../reports/in-migration-view.js';
import { intakeReport } from '../reports/intake-report.js';
import { intakeView } from '../reports/intake-view.js';
import { renderReportPage } from '../reports/report-page.js';
import { currentStockholmYear, inMigrationQuery, intakeQuery, reportPageQuery, resolvePeriod, serviceLevelQuery } from '../reports/report-query.js';
import { chooseReportFormat, REPORT_MEDIA_TYPES, reportReply } from '../reports/report-response.js';
import { serviceLevelReport } from '../reports/service-level-report.js';
import { serviceLevelView } from '../reports/service-level-view.js';

const reportFormats = Object.values(REPORT_MEDIA_TYPES);

export const reportRoutes = [
  defineRoute({
    method: 'get',
    path: '/reports',
    operationId: 'reportPage',
    summary: 'All three reports on one HTML page, for people',
    tags: ['reports'],
    access: access.readers,
    query: reportPageQuery,
    responses: { 200: htmlResponse('The report page') },
    async handler({ query }, { db }) {
      const now = new Date();
      const period = resolvePeriod(query, now);
      const [serviceLevel, inMigration, intake] = await Promise.all([
        serviceLevelReport(db, { period, now }),
        inMigrationReport(db, { year: query.year ?? currentStockholmYear(now), now }),
        intakeReport(db, { period, now }),
      ]);
      const page = renderReportPage({
        views: [serviceLevelView(serviceLevel), inMigrationView(inMigration), intakeView(intake)],
        generatedAt: formatStockholmDateTime(now),
      });
      return reply.html(page, { headers: { 'Cache-Control': 'private, no-store' } });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/reports/service-level',
    operationId: 'serviceLevelReport',
    summary: 'Service level per unit (JSON, CSV, SVG)',
    tags: ['reports'],
    access: access.readers,
    query: serviceLevelQuery,
    responses: { 200: mediaResponse('Report', reportFormats) },
    errors: [406],
    async handler({ query, req }, { db }) {
      const format = chooseReportFormat(req, query.format);
      const now = new Date();
      const report = await serviceLevelReport(db, { period: resolvePeriod(query, now), unit: query.unit, now });
      return reportReply(format, report, () => serviceLevelView(report));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/reports/in-migration',
    operationId: 'inMigrationReport',
    summary: 'Moves per municipality and year (JSON, CSV, SVG)',
    tags: ['reports'],
    access: access.readers,
    query: inMigrationQuery,
    responses: { 200: mediaResponse('Report', reportFormats) },
    errors: [406],
    async handler({ query, req }, { db }) {
      const format = chooseReportFormat(req, query.format);
      const now = new Date();
      const report = await inMigrationReport(db, { year: query.year ?? currentStockholmYear(now), now });
      return reportReply(format, report, () => inMigrationView(report));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/reports/intake',
    operationId: 'intakeReport',
    summary: 'Intake per source and month (JSON, CSV, SVG)',
    tags: ['reports'],
    access: access.readers,
    query: intakeQuery,
    responses: { 200: mediaResponse('Report', reportFormats) },
    errors: [406],
    async handler({ query, req }, { db }) {
      const format = chooseReportFormat(req, query.format);
      const now = new Date();
      const report = await intakeReport(db, { period: resolvePeriod(query, now), now });
      return reportReply(format, report, () => intakeView(report));
    },
  }),
];
