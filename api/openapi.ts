// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests,
// so the teams behind tasteget.nu and the municipality sites read what the code enforces.
import { z } from 'zod';
import './schemas.js';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string) => ({ 'application/json': { schema: ref(id) } });
const problem = { 'application/problem+json': { schema: ref('Problem') } };
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), { description: PROBLEM_TEXT[status], content: problem }]));
const PROBLEM_TEXT: Record<number, string> = {
  400: 'Malformed request (e.g. invalid JSON)',
  401: 'Missing or invalid credentials',
  403: 'The role may not do this',
  404: 'Not found',
  409: 'Conflict (e.g. Idempotency-Key reused with another body, case closed)',
  413: 'Body too large',
  415: 'Body is not JSON',
  422: 'Validation failed; `errors` lists each field',
  503: 'A dependency is unavailable; retry later',
};
const idPath = [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }];
const idempotencyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Same key + same body → the same answer and no second write; same key + other body → 409.',
  schema: { type: 'string', maxLength: 200 },
};
const queryParams = (id: string) => {
  const schema = componentSchemas()[id] as { properties: Record<string, object> };
  return Object.entries(schema.properties).map(([name, property]) => ({ name, in: 'query', required: false, schema: property }));
};

let cachedSchemas: Record<string, unknown> | undefined;
function componentSchemas(): Record<string, unknown> {
  if (cachedSchemas) return cachedSchemas;
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  cachedSchemas = Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, id: _ownId, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
  return cachedSchemas;
}

export function openApiDocument(serverUrl: string) {
  const coordinator = [{ bearer: [] }];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Inflyttarvägledning API',
      version: '1',
      description:
        'Contact intake, case tracking and the contact card for in-mover guidance in Jämtland Härjedalen. ' +
        'Errors are RFC 9457 problem details. Times are ISO-8601; answers use Europe/Stockholm offsets.',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: {
      securitySchemes: {
        intakeKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'Key of an intake source' },
        bearer: { type: 'http', scheme: 'bearer', description: 'Coordinator token' },
      },
      schemas: {
        ...componentSchemas(),
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            requestId: { type: 'string' },
            errors: {
              type: 'array',
              items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
            },
          },
        },
      },
    },
    paths: {
      '/intake': {
        post: {
          summary: 'Submit a contact from a web form (tasteget.nu, a municipality site) or an import',
          security: [{ intakeKey: [] }],
          parameters: [idempotencyHeader],
          requestBody: { required: true, content: json('IntakeRequest') },
          responses: {
            '202': { description: 'Accepted: the case workflow has started', content: json('IntakeResponse') },
            ...errors(400, 401, 409, 413, 415, 422, 503),
          },
        },
      },
      '/contacts': {
        get: {
          summary: 'Search contact cards',
          security: coordinator,
          parameters: queryParams('ContactListQuery'),
          responses: {
            '200': {
              description: 'A page of contacts',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      items: { type: 'array', items: ref('ContactSummary') },
                      total: { type: 'integer' },
                      page: { type: 'integer' },
                      pageSize: { type: 'integer' },
                    },
                  },
                },
              },
            },
            ...errors(401, 422),
          },
        },
      },
      '/contacts/{id}': {
        get: {
          summary: 'The contact card: data, preferred contact, cases with live SLA state, the dialog log (newest first)',
          security: coordinator,
          parameters: idPath,
          responses: { '200': { description: 'Contact card', content: json('ContactCard') }, ...errors(401, 404, 422) },
        },
      },
      '/contacts/{id}/activities': {
        post: {
          summary: 'Log dialog; an outbound email or a call/meeting that reached the person is a first reply',
          security: coordinator,
          parameters: [...idPath, idempotencyHeader],
          requestBody: { required: true, content: json('ActivityRequest') },
          responses: {
            '201': {
              description: 'Logged; `cases` lists the case states a first reply changed',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { activity: ref('Activity'), cases: { type: 'array', items: ref('CaseState') } },
                  },
                },
              },
            },
            ...errors(400, 401, 404, 409, 413, 415, 422),
          },
        },
      },
      '/cases': {
        get: {
          summary: 'List cases by unit, status or overdue',
          security: coordinator,
          parameters: queryParams('CaseListQuery'),
          responses: {
            '200': {
              description: 'A page of cases',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { items: { type: 'array', items: ref('Case') }, total: { type: 'integer' } },
                  },
                },
              },
            },
            ...errors(401, 422),
          },
        },
      },
      '/cases/{id}': {
        get: {
          summary: 'One case with its live SLA state',
          security: coordinator,
          parameters: idPath,
          responses: { '200': { description: 'Case', content: json('Case') }, ...errors(401, 404, 422) },
        },
      },
      '/cases/{id}/transfer': {
        post: {
          summary: 'Transfer to another municipality or the region; the new unit is notified, the SLA clock keeps running',
          security: coordinator,
          parameters: idPath,
          requestBody: { required: true, content: json('TransferRequest') },
          responses: { '200': { description: 'Transferred', content: json('Case') }, ...errors(401, 404, 409, 422) },
        },
      },
      '/cases/{id}/close': {
        post: {
          summary: 'Close the case (ends its workflow; the contact card and dialog stay)',
          security: coordinator,
          parameters: idPath,
          requestBody: { required: false, content: json('CloseRequest') },
          responses: { '200': { description: 'Closed', content: json('Case') }, ...errors(401, 404, 422) },
        },
      },
    },
  };
}
