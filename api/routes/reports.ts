import { Router } from 'express';
import type { Database } from '../../activities/database.js';
import { inMigrationReport } from '../reports/in-migration-figures.js';
import { inMigrationView } from '../reports/in-migration-view.js';
import { intakeReport } from '../reports/intake-report.js';
import { intakeView } from '../reports/intake-view.js';
import { figuresPageQuery } from '../reports/figures-period.js';
import { loadFiguresPage, renderFiguresPage } from '../reports/figures-page.js';
import {
  currentStockholmYear,
  inMigrationQuery,
  intakeQuery,
  resolvePeriod,
  serviceLevelQuery,
} from '../reports/report-query.js';
import { chooseReportFormat, sendReport } from '../reports/report-response.js';
import { serviceLevelReport } from '../reports/service-level-report.js';
import { serviceLevelView } from '../reports/service-level-view.js';
import { parseOrThrow } from '../validate.js';
import { currentCoordinator } from '../auth.js';

/** Figures for decision makers (MISSION.md §8); any coordinator may read them. */
export function reportRoutes(deps: { db: Database }): Router {
  const { db } = deps;
  const router = Router();

  router.get('/reports', async (req, res) => {
    const query = parseOrThrow(figuresPageQuery, req.query, 'query');
    const masked = currentCoordinator(res).role === 'viewer';
    const data = await loadFiguresPage(db, { query, now: new Date(), masked });
    res.set('Cache-Control', 'private, no-store');
    res.type('html').send(renderFiguresPage(data, { goalsPage: `${req.baseUrl}/reports/goals?year=${data.inMigration.year}` }));
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
    const masked = currentCoordinator(res).role === 'viewer';
    const report = await inMigrationReport(db, { year: query.year ?? currentStockholmYear(now), now, masked });
    sendReport(res, format, report, () => inMigrationView(report));
  });

  router.get('/reports/intake', async (req, res) => {
    const query = parseOrThrow(intakeQuery, req.query, 'query');
    const format = chooseReportFormat(req, query.format);
    const now = new Date();
    const masked = currentCoordinator(res).role === 'viewer';
    const report = await intakeReport(db, { period: resolvePeriod(query, now), now, masked });
    sendReport(res, format, report, () => intakeView(report));
  });

  return router;
}
