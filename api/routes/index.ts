// The route table: every operation of /api/v1. Registration, the OpenAPI document and the
// access matrix are all produced from this list.
import type { Route } from '../route-table/route.js';
import { accountRoutes } from './accounts.js';
import { apiReferenceRoutes } from './api-reference.js';
import { campaignRoutes } from './campaigns.js';
import { caseRoutes } from './cases.js';
import { contactRoutes } from './contacts.js';
import { goalRoutes } from './goals.js';
import { inboundEmailRoutes } from './inbound-email.js';
import { intakeRoutes } from './intake.js';
import { newsletterRoutes } from './newsletter.js';
import { personalDataRoutes } from './personal-data.js';
import { reportRoutes } from './reports.js';
import { retentionRunRoutes } from './retention-runs.js';
import { reviewRoutes } from './reviews.js';
import { selectionRoutes } from './selections.js';

export const productRoutes: readonly Route[] = [
  ...intakeRoutes,
  ...contactRoutes,
  ...personalDataRoutes,
  ...accountRoutes,
  ...caseRoutes,
  ...reviewRoutes,
  ...retentionRunRoutes,
  ...inboundEmailRoutes,
  ...reportRoutes,
  ...goalRoutes,
  ...selectionRoutes,
  ...campaignRoutes,
  ...newsletterRoutes,
];

/** The whole table, with the reference routes that publish it. */
export const routeTable = (openApiDocument: () => unknown): Route[] => [...productRoutes, ...apiReferenceRoutes(openApiDocument)];
