// In-migration goals (issue 16): administrators set them; everyone who reads the figures
// (viewers included) reads them and their history.
import { formatStockholmDateTime } from '../../domain/stockholm-time.js';
import { goalChangeListSchema, goalListSchema, goalPathParams, goalYearQuery, setGoalRequest, setGoalResponse } from '../goal-schemas.js';
import { renderGoalsPage } from '../reports/goals-page.js';
import { currentStockholmYear } from '../reports/report-query.js';
import { access } from '../route-table/access.js';
import { defineRoute, htmlResponse, jsonBody, jsonResponse, reply } from '../route-table/route.js';
import { listGoalChanges, listGoals, setGoal } from '../use-cases/in-migration-goals.js';

const noStore = { 'Cache-Control': 'private, no-store' };

export const goalRoutes = [
  defineRoute({
    method: 'get',
    path: '/goals',
    operationId: 'listGoals',
    summary: 'In-migration goals of a year (default: this year) per municipality and for the region as a whole (every role, viewers too)',
    tags: ['goals'],
    access: access.figureReaders,
    query: goalYearQuery,
    responses: { 200: jsonResponse('Goals that are set', goalListSchema) },
    async handler({ query }, { db }) {
      const year = query.year ?? currentStockholmYear(new Date());
      return reply.json({ year, goals: await listGoals(db, year) }, { headers: noStore });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/goals/changes',
    operationId: 'listGoalChanges',
    summary: 'Every change of a goal, newest first: who, when, old and new value (every role, viewers too)',
    tags: ['goals'],
    access: access.figureReaders,
    query: goalYearQuery,
    responses: { 200: jsonResponse('History', goalChangeListSchema) },
    async handler({ query }, { db }) {
      return reply.json({ year: query.year ?? null, changes: await listGoalChanges(db, query.year) }, { headers: noStore });
    },
  }),
  defineRoute({
    method: 'put',
    path: '/goals/{year}/{scope}',
    operationId: 'setGoal',
    summary: 'Set a goal (admins); the change is recorded. The same value again records nothing.',
    tags: ['goals'],
    access: access.admins,
    params: goalPathParams,
    body: jsonBody(setGoalRequest),
    responses: { 200: jsonResponse('The goal and the recorded change', setGoalResponse) },
    async handler({ params, body, caller }, { db }) {
      const result = await setGoal(db, {
        year: params.year,
        scope: params.scope,
        people: body.people,
        households: body.households ?? null,
        changedById: caller.coordinator.id,
      });
      return reply.json(result);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/reports/goals',
    operationId: 'goalsPage',
    summary: 'The goals page (HTML): goals of a year and their change history (every role, viewers too)',
    tags: ['reports'],
    access: access.figureReaders,
    inOpenApi: false,
    query: goalYearQuery,
    responses: { 200: htmlResponse('The goals page') },
    async handler({ query, req }, { db }) {
      const now = new Date();
      const year = query.year ?? currentStockholmYear(now);
      const [goals, changes] = await Promise.all([listGoals(db, year), listGoalChanges(db, year)]);
      const page = renderGoalsPage({ year, goals, changes, generatedAt: formatStockholmDateTime(now), figuresPage: `${req.baseUrl}/reports?year=${year}` });
      return reply.html(page, { headers: noStore });
    },
  }),
];
