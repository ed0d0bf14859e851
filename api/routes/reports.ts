import { Router } from 'express';
import type { Database } from '../../activities/database.js';
import { inMigrationReport } from '../reports/in-migration-report.js';
import { inMigrationView } from '../reports/in-migration-view.js';
import { intakeReport } from '../reports/intake-report.js';
import { intakeView } from '../reports/intake-view.js';
import { formatStockholmDateTime } from '../reports/report-labels.js';
import { renderReportPage } from '../reports/report-page.js';
import {
  currentStockholmYear,
  inMigrationQuery,
  intakeQuery,
  reportPageQuery,
  resolvePeriod,
  serviceLevelQuery,
} from '../reports/report-query.js';
import { chooseReportFormat, sendReport } from '../reports/report-response.js';
import { serviceLevelReport } from '../reports/service-level-report.js';
import { serviceLevelView } from '../reports/service-level-view.js';
import { parseOrThrow } from '../validate.js';

/** Figures for decision makers (MISSION.md §8); any coordinator may read them. */
export function reportRoutes(deps: { db: Database }): Router {
  const { db } = deps;
  const router = Router();

  router.get('/reports', async (req, res) => {
    const query = parseOrThrow(reportPageQuery, req.query, 'query');
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
    res.set('Cache-Control', 'private, no-store');
    res.type('html').send(page);
  });

  router.get('/reports/service-level', async (req, res) => {
    const query = parseOrThrow(serviceLevelQuery, req.query, 'query');
    const format = chooseReportFormat(req, query.format);
    const now = new Date();
    const report = await serviceLevelReport(db, { period: resolvePeriod(query, now), unit: query.unit, now });
    sendReport(res, format, report, () => serviceLevelView(report));
  });

  router.get('/reports/in-migration', async (req, res) => {
    const query = parseOrThrow(inMigrationQuery, req.query, 'query');
    const format = chooseReportFormat(req, query.format);
    const now = new Date();
    const report = await inMigrationReport(db, { year: query.year ?? currentStockholmYear(now), now });
    sendReport(res, format, report, () => inMigrationView(report));
  });

  router.get('/reports/intake', async (req, res) => {
    const query = parseOrThrow(intakeQuery, req.query, 'query');
    const format = chooseReportFormat(req, query.format);
    const now = new Date();
    const report = await intakeReport(db, { period: resolvePeriod(query, now), now });
    sendReport(res, format, report, () => intakeView(report));
  });

  return router;
}
