// The OpenAPI 3.1 document, produced from the route table and the same zod schemas that
// validate requests, so the document lists every routed operation and cannot drift.
import { z } from 'zod';
import { PROBLEM_DESCRIPTIONS } from '../error-table.js';
import type { Authenticators } from './authenticators.js';
import type { Route } from './route.js';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problemContent = { 'application/problem+json': { schema: ref('Problem') } };

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
};

const pascal = (text: string) => text.replace(/(^|[-_\s])(\w)/g, (_m, _sep, letter: string) => letter.toUpperCase());

/** Gives every body and JSON answer schema a component name, keeping the ones it has. */
function nameSchemas(routes: readonly Route[]): Map<z.ZodType, string> {
  const names = new Map<z.ZodType, string>();
  const name = (schema: z.ZodType, fallback: string) => {
    if (names.has(schema)) return;
    const existing = z.globalRegistry.get(schema)?.id;
    names.set(schema, existing ?? fallback);
  };
  for (const route of routes) {
    const base = pascal(route.operationId);
    if (route.body && route.body.kind !== 'raw') name(route.body.schema, `${base}Request`);
    for (const [status, response] of Object.entries(route.responses)) {
      if (response.kind === 'json' && response.schema) name(response.schema, `${base}Response${status === '200' ? '' : status}`);
    }
  }
  return names;
}

function componentSchemas(names: Map<z.ZodType, string>): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  // Nested schemas that already carry an id (Case inside ContactCard) stay references.
  for (const [id, schema] of z.globalRegistry._idmap) registry.add(schema, { id });
  for (const [schema, id] of names) if (!registry.has(schema)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io: 'input', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, id: _ownId, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query' | 'header') {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', reused: 'inline' }) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function problemStatuses(route: Route): number[] {
  const statuses = new Set(route.errors ?? []);
  if (route.access.kind !== 'public') statuses.add(401);
  if (route.access.kind === 'staff') statuses.add(403);
  if (route.params || route.query || route.headers || (route.body && route.body.kind !== 'raw')) statuses.add(422);
  if (route.body) [400, 413, 415].forEach((status) => statuses.add(status));
  statuses.add(503);
  return [...statuses].sort();
}

function operation(route: Route, names: Map<z.ZodType, string>, security: Array<Record<string, string[]>>) {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    switch (response.kind) {
      case 'json':
        responses[status] = {
          description: response.description,
          content: { 'application/json': { schema: response.schema ? ref(names.get(response.schema)!) : {} } },
        };
        break;
      case 'html':
        responses[status] = { description: response.description, content: { 'text/html': { schema: { type: 'string' } } } };
        break;
      case 'media':
        responses[status] = {
          description: response.description,
          content: Object.fromEntries(response.mediaTypes.map((type) => [type, { schema: type === 'application/json' ? {} : { type: 'string' } }])),
        };
        break;
      case 'redirect':
        responses[status] = { description: response.description, headers: { Location: { schema: { type: 'string' } } } };
        break;
    }
  }
  for (const status of problemStatuses(route)) {
    responses[String(status)] ??= { description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem', content: problemContent };
  }
  const body = route.body;
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: route.tags,
    security,
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query'), ...parameters(route.headers, 'header')],
    ...(body
      ? {
          requestBody: {
            required: !(body.kind === 'json' && body.optional),
            content:
              body.kind === 'raw'
                ? Object.fromEntries(body.mediaTypes.map((type) => [type, { schema: { type: 'string', description: body.description } }]))
                : { [body.kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded']: { schema: ref(names.get(body.schema)!) } },
          },
        }
      : {}),
    responses,
  };
}

export function openApiDocument(routes: readonly Route[], authenticators: Authenticators, serverUrl: string) {
  const published = routes.filter((route) => route.inOpenApi !== false);
  const names = nameSchemas(published);
  // Alternatives: any one of the access kind's credentials will do.
  const securityOf = (kind: keyof Authenticators) => authenticators[kind].map((a) => ({ [a.securityScheme.name]: [] as string[] }));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of published) {
    const security = route.access.kind === 'public' ? [] : securityOf(route.access.kind);
    (paths[route.path] ??= {})[route.method] = operation(route, names, security);
  }
  const schemes = [...authenticators.staff, ...authenticators['intake-source']].map((a) => [a.securityScheme.name, a.securityScheme.definition]);
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
    components: { securitySchemes: Object.fromEntries(schemes), schemas: { ...componentSchemas(names), Problem: problemSchema } },
    paths,
  };
}
