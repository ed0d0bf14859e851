// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests,
// so the teams behind tasteget.nu and the municipality sites read what the code enforces.
import { z } from 'zod';
import './schemas.js';
import './routes/maintenance.js';
import './routes/personal-data.js';

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
        mailIngest: { type: 'http', scheme: 'bearer', description: 'The mail-ingest key of the mail system (INBOUND_EMAIL_INGEST_KEY_SHA256)' },
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
        delete: {
          summary: 'Erase the person on request (admins); an audit record keeps ids and counts only',
          security: coordinator,
          parameters: idPath,
          requestBody: { required: true, content: json('ErasureRequest') },
          responses: { '200': { description: 'Erased' }, ...errors(401, 403, 404, 422) },
        },
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
      '/contacts/{id}/move-status': {
        patch: {
          summary: 'Record a move status (moved needs municipality and movedOn); marks the contact reviewed in open review rounds',
          security: coordinator,
          parameters: idPath,
          requestBody: { required: true, content: json('MoveStatusRequest') },
          responses: { '200': { description: 'Recorded' }, ...errors(401, 404, 415, 422) },
        },
      },
      '/contacts/{id}/export': {
        get: { summary: 'Everything held about the person (admins)', security: coordinator, parameters: idPath, responses: { '200': { description: 'Export' }, ...errors(401, 403, 404, 422) } },
      },
      '/admin/access-log': {
        get: { summary: 'Who read or changed which contact card, when (admins)', security: coordinator, responses: { '200': { description: 'Entries' }, ...errors(401, 403, 422) } },
      },
      '/admin/reviews': {
        post: {
          summary: 'Start the move-status review now (admins); 409 when one is running',
          security: coordinator,
          responses: { '202': { description: 'Started; `id` is the review id' }, ...errors(401, 403, 409) },
        },
      },
      '/reviews/{id}': {
        get: {
          summary: 'Progress per unit and the review list (filter by unit, open; paged)',
          security: coordinator,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'Review' }, ...errors(401, 404, 422) },
        },
      },
      '/reviews/{id}/items/{contactId}/reviewed': {
        post: {
          summary: 'Mark a contact reviewed without change (optionally for one unit)',
          security: coordinator,
          responses: { '200': { description: 'Marked' }, ...errors(401, 404, 409, 422) },
        },
      },
      '/admin/retention-runs': {
        post: {
          summary: 'Start a retention run now (admins): selection, then approval, then deletion',
          security: coordinator,
          responses: { '202': { description: 'Started; `id` is the run id' }, ...errors(401, 403, 409) },
        },
      },
      '/admin/retention-runs/{id}': {
        get: {
          summary: 'The run with its selection (JSON, paged) or the whole selection as CSV (Accept: text/csv)',
          security: coordinator,
          responses: { '200': { description: 'Run' }, ...errors(401, 403, 404, 422) },
        },
      },
      '/admin/retention-runs/{id}/approve': {
        post: {
          summary: 'Approve the selection; deletion starts (a Temporal update)',
          security: coordinator,
          responses: { '200': { description: 'Approved' }, ...errors(401, 403, 404, 409) },
        },
      },
      '/inbound-email': {
        post: {
          summary:
            'Push a raw RFC 5322 message (message/rfc822) from a mail system; it is logged on the matching contact cards or queued for review. A coordinator counts as its author only with a DKIM signature aligned with their domain or a trusted relay’s Authentication-Results',
          security: [{ mailIngest: [] }],
          requestBody: { required: true, content: { 'message/rfc822': { schema: { type: 'string' } } } },
          responses: { '202': { description: 'Stored' }, '200': { description: 'Already captured' }, ...errors(401, 413, 415) },
        },
      },
      '/admin/inbound-email': {
        get: {
          summary: 'The review queue of captured email that matched no contact or came from an untrusted sender (admins)',
          security: coordinator,
          responses: { '200': { description: 'Queue' }, ...errors(401, 403, 422) },
        },
      },
      '/reports/service-level': { get: { summary: 'Service level per unit (JSON, CSV, SVG)', security: coordinator, responses: { '200': { description: 'Report' } } } },
      '/reports/in-migration': { get: { summary: 'Moves per municipality and year (JSON, CSV, SVG)', security: coordinator, responses: { '200': { description: 'Report' } } } },
      '/reports/intake': { get: { summary: 'Intake per source and month (JSON, CSV, SVG)', security: coordinator, responses: { '200': { description: 'Report' } } } },
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
