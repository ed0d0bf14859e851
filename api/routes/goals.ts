// In-migration goals (issue 16): administrators set them; everyone who reads the figures
// (viewers included) reads them and their history.
import { Router } from 'express';
import type { Database } from '../../activities/database.js';
import { FIGURE_READER_ROLES } from '../../domain/codes.js';
import { currentCoordinator, requireCoordinator } from '../auth.js';
import { goalPathParams, goalYearQuery, setGoalRequest } from '../goal-schemas.js';
import { renderGoalsPage } from '../reports/goals-page.js';
import { formatStockholmDateTime } from '../reports/report-labels.js';
import { currentStockholmYear } from '../reports/report-query.js';
import { listGoalChanges, listGoals, setGoal } from '../use-cases/in-migration-goals.js';
import { parseOrThrow } from '../validate.js';

export function goalRoutes(deps: { db: Database }): Router {
  const { db } = deps;
  const router = Router();
  const figureReaders = requireCoordinator(db, FIGURE_READER_ROLES);
  const adminsOnly = requireCoordinator(db, ['admin']);

  router.get('/goals', figureReaders, async (req, res) => {
    const { year = currentStockholmYear(new Date()) } = parseOrThrow(goalYearQuery, req.query, 'query');
    res.set('Cache-Control', 'private, no-store');
    res.json({ year, goals: await listGoals(db, year) });
  });

  router.get('/goals/changes', figureReaders, async (req, res) => {
    const { year } = parseOrThrow(goalYearQuery, req.query, 'query');
    res.set('Cache-Control', 'private, no-store');
    res.json({ year: year ?? null, changes: await listGoalChanges(db, year) });
  });

  router.get('/reports/goals', figureReaders, async (req, res) => {
    const now = new Date();
    const { year = currentStockholmYear(now) } = parseOrThrow(goalYearQuery, req.query, 'query');
    const [goals, changes] = await Promise.all([listGoals(db, year), listGoalChanges(db, year)]);
    res.set('Cache-Control', 'private, no-store');
    res.type('html').send(renderGoalsPage({ year, goals, changes, generatedAt: formatStockholmDateTime(now), figuresPage: `${req.baseUrl}/reports?year=${year}` }));
  });

  router.put('/goals/:year/:scope', adminsOnly, async (req, res) => {
    const { year, scope } = parseOrThrow(goalPathParams, req.params, 'path');
    const body = parseOrThrow(setGoalRequest, req.body, 'body');
    const result = await setGoal(db, {
      year,
      scope,
      people: body.people,
      households: body.households ?? null,
      changedById: currentCoordinator(res).id,
    });
    res.json(result);
  });

  return router;
}
