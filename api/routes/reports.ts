// Figures for decision makers (MISSION.md §8): every staff role reads them, viewers
// included; a viewer sees the in-migration and intake breakdowns with small counts masked.
import type { StaffCaller } from '../route-table/caller.js';
import { access } from '../route-table/access.js';
import { defineRoute, htmlResponse, mediaResponse, reply } from '../route-table/route.js';
import { inMigrationReport } from '../reports/in-migration-figures.js';
import { inMigrationView } from '../reports/in-migration-view.js';
import { intakeReport } from '../reports/intake-report.js';
import { intakeView } from '../reports/intake-view.js';
import { figuresPageQuery } from '../reports/figures-period.js';
import { loadFiguresPage, renderFiguresPage } from '../reports/figures-page.js';
import { currentStockholmYear, inMigrationQuery, intakeQuery, resolvePeriod, serviceLevelQuery } from '../reports/report-query.js';
import { chooseReportFormat, REPORT_MEDIA_TYPES, reportReply } from '../reports/report-response.js';
import { serviceLevelReport } from '../reports/service-level-report.js';
import { serviceLevelView } from '../reports/service-level-view.js';

const reportFormats = Object.values(REPORT_MEDIA_TYPES);

/** Decision makers see counts of 1–4 in a breakdown as "< 5" (README, the masking rule). */
export const masksSmallCounts = (caller: StaffCaller): boolean => caller.coordinator.role === 'viewer';

export const reportRoutes = [
  defineRoute({
    method: 'get',
    path: '/reports',
    operationId: 'figuresPage',
    summary: 'The figures page (HTML, Swedish, prints on A4): in-migration against the goals and the service level for a period',
    tags: ['reports'],
    access: access.figureReaders,
    inOpenApi: false,
    query: figuresPageQuery,
    responses: { 200: htmlResponse('The figures page') },
    async handler({ query, caller, req }, { db }) {
      const data = await loadFiguresPage(db, { query, now: new Date(), masked: masksSmallCounts(caller) });
      const page = renderFiguresPage(data, { goalsPage: `${req.baseUrl}/reports/goals?year=${data.inMigration.year}` });
      return reply.html(page, { headers: { 'Cache-Control': 'private, no-store' } });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/reports/service-level',
    operationId: 'serviceLevelReport',
    summary: 'Service level per unit (JSON, CSV, SVG)',
    tags: ['reports'],
    access: access.figureReaders,
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
    summary: 'Moves per municipality and year against the goals, last year and the pace; breakdowns masked for viewers (JSON, CSV, SVG)',
    tags: ['reports'],
    access: access.figureReaders,
    query: inMigrationQuery,
    responses: { 200: mediaResponse('Report', reportFormats) },
    errors: [406],
    async handler({ query, caller, req }, { db }) {
      const format = chooseReportFormat(req, query.format);
      const now = new Date();
      const report = await inMigrationReport(db, { year: query.year ?? currentStockholmYear(now), now, masked: masksSmallCounts(caller) });
      return reportReply(format, report, () => inMigrationView(report));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/reports/intake',
    operationId: 'intakeReport',
    summary: 'Intake per source and month; breakdowns masked for viewers (JSON, CSV, SVG)',
    tags: ['reports'],
    access: access.figureReaders,
    query: intakeQuery,
    responses: { 200: mediaResponse('Report', reportFormats) },
    errors: [406],
    async handler({ query, caller, req }, { db }) {
      const format = chooseReportFormat(req, query.format);
      const now = new Date();
      const report = await intakeReport(db, { period: resolvePeriod(query, now), now, masked: masksSmallCounts(caller) });
      return reportReply(format, report, () => intakeView(report));
    },
  }),
];
