// The published OpenAPI document and the reference page that renders it.
import { access } from '../route-table/access.js';
import { defineRoute, htmlResponse, jsonResponse, mediaResponse, reply, type Route } from '../route-table/route.js';
import { apiReferenceInitScript, apiReferencePage } from '../reference-page.js';

/** `document` is built once from the whole route table, this file's routes included. */
export function apiReferenceRoutes(document: () => unknown): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/openapi.json',
      operationId: 'openApiDocument',
      summary: 'This document',
      tags: ['reference'],
      access: access.public,
      responses: { 200: jsonResponse('OpenAPI 3.1') },
      handler: async () => reply.json(document()),
    }),
    defineRoute({
      method: 'get',
      path: '/docs',
      operationId: 'apiReferencePage',
      summary: 'The API reference page (Swagger UI)',
      tags: ['reference'],
      access: access.public,
      inOpenApi: false,
      responses: { 200: htmlResponse('Reference page') },
      handler: async () => reply.html(apiReferencePage('/api/v1/docs/assets', '/api/v1/docs/init.js')),
    }),
    defineRoute({
      method: 'get',
      path: '/docs/init.js',
      operationId: 'apiReferenceScript',
      summary: 'The script that points the reference page at this document',
      tags: ['reference'],
      access: access.public,
      inOpenApi: false,
      responses: { 200: mediaResponse('Script', ['text/javascript']) },
      handler: async () => reply.media('js', apiReferenceInitScript('/api/v1/openapi.json')),
    }),
  ];
}
