// Public newsletter endpoints: subscribe, confirm, unsubscribe (RFC 8058 one-click) and
// RSVP. No login: the secret token in each link identifies the person.
import { z } from 'zod';
import { INTEREST_CODES, LANGUAGES } from '../../domain/codes.js';
import { escapeHtml } from '../../platform/html-escape.js';
import { access } from '../route-table/access.js';
import { defineRoute, formBody, htmlResponse, jsonBody, jsonResponse, reply, type Reply } from '../route-table/route.js';
import { municipalityCode } from '../schemas.js';
import { subscribeByEmail } from '../use-cases/newsletter-subscription.js';
import { answerInvitation, confirmSubscription, unsubscribe } from '../use-cases/newsletter-links.js';

const subscribeRequest = z
  .strictObject({
    email: z.email().max(254).transform((value) => value.toLowerCase()),
    firstName: z.string().trim().max(100).optional(),
    lastName: z.string().trim().max(100).optional(),
    language: z.enum(LANGUAGES).default('sv'),
    municipalities: z.array(municipalityCode).max(8).default([]),
    interests: z.array(z.enum(INTEREST_CODES)).max(INTEREST_CODES.length).default([]),
    consent: z.literal(true, { error: 'consent is required to subscribe' }),
  })
  .meta({ id: 'SubscribeRequest' });

// A link that was cut or mangled is answered with a page, not a validation problem.
const token = z.string().min(16).max(100).regex(/^[A-Za-z0-9_-]+$/).optional().catch(undefined);
const tokenQuery = z.object({ token });
const rsvpQuery = z.object({ token, answer: z.enum(['yes', 'no']).optional().catch(undefined) });
const oneClickForm = z.object({ 'List-Unsubscribe': z.string().max(100).optional() }).meta({ id: 'OneClickUnsubscribe' });

function plainPage(status: number, title: string, text: string): Reply {
  return reply.html(
    `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
      `<body style="font-family: system-ui, sans-serif; max-width: 36em; margin: 3em auto"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`,
    { status },
  );
}

const unsubscribedPage = (outcome: 'done' | 'unknown-link') =>
  outcome === 'done'
    ? plainPage(200, 'Prenumerationen är avslutad', 'Du får inga fler nyhetsbrev eller inbjudningar från oss.')
    : plainPage(404, 'Länken gäller inte', 'Länken är okänd.');

const linkPages = { 200: htmlResponse('Done; a page says so'), 404: htmlResponse('Unknown link; a page says so') };

export const newsletterRoutes = [
  defineRoute({
    method: 'post',
    path: '/newsletter/subscribe',
    operationId: 'subscribeToNewsletter',
    summary: 'Ask for newsletters and invitations; a confirmation email is sent (double opt-in)',
    tags: ['newsletter'],
    access: access.public,
    body: jsonBody(subscribeRequest, { limit: '16kb' }),
    responses: { 202: jsonResponse('Confirmation sent (the same answer whether the address was known)', z.object({ status: z.literal('confirmation-sent') })) },
    async handler({ body }, deps) {
      await subscribeByEmail(deps, body);
      // The same answer whether the address was known: the form reveals nobody.
      return reply.json({ status: 'confirmation-sent' }, { status: 202 });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/newsletter/confirm',
    operationId: 'confirmNewsletter',
    summary: 'The confirmation link of the double opt-in',
    tags: ['newsletter'],
    access: access.public,
    query: tokenQuery,
    responses: linkPages,
    async handler({ query }, deps) {
      return (await confirmSubscription(deps.db, query.token)) === 'done'
        ? plainPage(200, 'Tack!', 'Du prenumererar nu på nyhetsbrev och inbjudningar från Jämtland Härjedalen.')
        : plainPage(404, 'Länken gäller inte', 'Länken är okänd eller har redan använts för att avsluta prenumerationen.');
    },
  }),
  defineRoute({
    method: 'get',
    path: '/newsletter/unsubscribe',
    operationId: 'unsubscribeFromNewsletter',
    summary: 'The unsubscribe link in every newsletter',
    tags: ['newsletter'],
    access: access.public,
    query: tokenQuery,
    responses: linkPages,
    handler: async ({ query }, deps) => unsubscribedPage(await unsubscribe(deps.db, query.token)),
  }),
  defineRoute({
    method: 'post',
    path: '/newsletter/unsubscribe',
    operationId: 'unsubscribeOneClick',
    summary: 'RFC 8058 one-click unsubscribe: the mail provider posts "List-Unsubscribe=One-Click" to the same URL',
    tags: ['newsletter'],
    access: access.public,
    query: tokenQuery,
    body: formBody(oneClickForm, { limit: '1kb' }),
    responses: linkPages,
    handler: async ({ query }, deps) => unsubscribedPage(await unsubscribe(deps.db, query.token)),
  }),
  defineRoute({
    method: 'get',
    path: '/newsletter/rsvp',
    operationId: 'answerInvitation',
    summary: 'The yes/no links in a meetup invitation',
    tags: ['newsletter'],
    access: access.public,
    query: rsvpQuery,
    responses: linkPages,
    async handler({ query }, deps) {
      if ((await answerInvitation(deps.db, query.token, query.answer)) === 'unknown-link') {
        return plainPage(404, 'Länken gäller inte', 'Länken är okänd.');
      }
      return plainPage(200, 'Tack för ditt svar!', query.answer === 'yes' ? 'Vi ses!' : 'Tack för att du meddelade oss.');
    },
  }),
];
