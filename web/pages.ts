// Every page and form post of the web app, in one list. Part 2 (yearly review,
// newsletters, administration) appends its declarations here.
import type { PageDeclaration } from './declarations.js';
import { contactCardPages } from './pages/contact-card.js';
import { figuresPages } from './pages/figures.js';
import { signInPages } from './pages/sign-in.js';
import { workListPages } from './pages/work-lists.js';

export const webPages: PageDeclaration[] = [...signInPages, ...workListPages, ...contactCardPages, ...figuresPages];
