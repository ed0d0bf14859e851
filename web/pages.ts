// Every page and form post of the web app, as routes of the product's route table
// (mounted at `/`). Part 2 (yearly review, newsletters, administration) appends its pages here.
import type { Route } from '../api/route-table/route.js';
import { contactCardPages } from './pages/contact-card.js';
import { figuresPages } from './pages/figures.js';
import { newsletterPages } from './pages/newsletters.js';
import { signInPages } from './pages/sign-in.js';
import { workListPages } from './pages/work-lists.js';

export const webRoutes: readonly Route[] = [...signInPages, ...workListPages, ...contactCardPages, ...figuresPages, ...newsletterPages];
