// Every page and form post of the web app, as routes of the product's route table
// (mounted at `/`). Part 2 (yearly review, newsletters, administration) appends its pages here.
import type { Route } from '../api/route-table/route.js';
import { contactCardPages } from './pages/contact-card.js';
import { figuresPages } from './pages/figures.js';
import { hostedFormPages } from './pages/hosted-form.js';
import { inboxPages } from './pages/inbox.js';
import { myDataPages } from './pages/my-data.js';
import { newsletterPages } from './pages/newsletters.js';
import { personalDataPages } from './pages/personal-data.js';
import { retentionPages } from './pages/retention.js';
import { adminGoalPages } from './pages/admin-goals.js';
import { adminPages } from './pages/admin.js';
import { reviewPages } from './pages/review.js';
import { signInPages } from './pages/sign-in.js';
import { workListPages } from './pages/work-lists.js';

export const webRoutes: readonly Route[] = [
  ...signInPages,
  ...workListPages,
  ...contactCardPages,
  ...figuresPages,
  ...reviewPages,
  ...newsletterPages,
  ...adminPages,
  ...adminGoalPages,
  ...retentionPages,
  ...inboxPages,
  ...personalDataPages,
  ...hostedFormPages,
  ...myDataPages,
];
