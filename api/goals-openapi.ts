// OpenAPI paths of the goals API and the figures pages (issue 16); the schemas come from
// goal-schemas.ts through zod's registry like every other component.
import './goal-schemas.js';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string) => ({ 'application/json': { schema: ref(id) } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const bearer = [{ bearer: [] }];
const yearQuery = { name: 'year', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d{4}$' } };
const html = { 'text/html': { schema: { type: 'string' } } };

export function figuresOpenApiPaths() {
  return {
    '/goals': {
      get: {
        summary: 'In-migration goals of a year (default: this year) per municipality and for the region as a whole (every role, viewers too)',
        security: bearer,
        parameters: [yearQuery],
        responses: { '200': { description: 'Goals that are set', content: json('GoalList') }, '401': problem('No credentials'), '422': problem('Invalid year') },
      },
    },
    '/goals/changes': {
      get: {
        summary: 'Every change of a goal, newest first: who, when, old and new value (every role, viewers too)',
        security: bearer,
        parameters: [yearQuery],
        responses: { '200': { description: 'History', content: json('GoalChangeList') }, '401': problem('No credentials'), '422': problem('Invalid year') },
      },
    },
    '/goals/{year}/{scope}': {
      put: {
        summary: 'Set a goal (admins); the change is recorded. The same value again records nothing.',
        security: bearer,
        parameters: [
          { name: 'year', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{4}$' } },
          { name: 'scope', in: 'path', required: true, schema: ref('GoalScope') },
        ],
        requestBody: { required: true, content: json('SetGoalRequest') },
        responses: {
          '200': { description: 'The goal and the recorded change', content: json('SetGoalResponse') },
          '401': problem('No credentials'),
          '403': problem('Not an admin'),
          '415': problem('Body is not JSON'),
          '422': problem('Invalid year, scope or body'),
        },
      },
    },
    '/reports': {
      get: {
        summary:
          'The figures page (HTML, Swedish, prints on A4): in-migration against the goals and the service level for a period (every role, viewers too)',
        security: bearer,
        parameters: [
          { name: 'period', in: 'query', required: false, schema: { type: 'string', enum: ['year', 'quarter', 'custom'] } },
          yearQuery,
          { name: 'quarter', in: 'query', required: false, schema: { type: 'string', enum: ['1', '2', '3', '4'] } },
          { name: 'from', in: 'query', required: false, schema: { type: 'string', format: 'date' } },
          { name: 'to', in: 'query', required: false, schema: { type: 'string', format: 'date' } },
        ],
        responses: { '200': { description: 'Page', content: html }, '401': problem('No credentials'), '422': problem('Invalid period') },
      },
    },
    '/reports/goals': {
      get: {
        summary: 'The goals page (HTML): goals of a year and their change history (every role, viewers too)',
        security: bearer,
        parameters: [yearQuery],
        responses: { '200': { description: 'Page', content: html }, '401': problem('No credentials'), '422': problem('Invalid year') },
      },
    },
  };
}
