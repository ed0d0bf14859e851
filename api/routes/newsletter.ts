// Public newsletter endpoints: subscribe, confirm, unsubscribe (RFC 8058 one-click) and
// RSVP. No login: the secret token in each link identifies the person. Mail scanners
// follow every link in a message, so a GET only shows a page with one button; the
// button's POST makes the change.
import { z } from 'zod';
import { INTEREST_CODES, LANGUAGES } from '../../domain/codes.js';
import { escapeHtml } from '../../platform/html-escape.js';
import { access } from '../route-table/access.js';
import { defineRoute, formBody, htmlResponse, jsonBody, jsonResponse, reply, type Reply } from '../route-table/route.js';
import { emailAddress, municipalityCode, oneLineText } from '../schemas.js';
import { subscribeByEmail } from '../use-cases/newsletter-subscription.js';
import {
  answerInvitation,
  confirmLinkState,
  confirmSubscription,
  invitationTitle,
  unsubscribe,
  unsubscribeLinkState,
} from '../use-cases/newsletter-links.js';

const subscribeRequest = z
  .strictObject({
    email: emailAddress,
    firstName: oneLineText(100).optional(),
    lastName: oneLineText(100).optional(),
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

// The button's POST carries no fields (token and answer stay in the query).
const buttonForm = z.object({}).meta({ id: 'ButtonPress' });

const pageHead = (title: string) =>
  `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family: system-ui, sans-serif; max-width: 36em; margin: 3em auto; padding: 0 1em; line-height: 1.5"><main>` +
  `<h1>${escapeHtml(title)}</h1>`;

function plainPage(status: number, title: string, text: string): Reply {
  return reply.html(`${pageHead(title)}<p>${escapeHtml(text)}</p></main></body></html>`, { status });
}

/** One button that POSTs to the same address (token and answer stay in the query). */
function buttonPage(title: string, text: string, button: string): Reply {
  return reply.html(
    `${pageHead(title)}<p>${escapeHtml(text)}</p>` +
      `<form method="post"><button type="submit" style="font-size: 1.1em; padding: 0.6em 1.2em">${escapeHtml(button)}</button></form>` +
      `</main></body></html>`,
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

const unknownLink = () => plainPage(404, 'Länken gäller inte', 'Länken är okänd.');
const unusableConfirmLink = () =>
  plainPage(404, 'Länken gäller inte', 'Länken är okänd, för gammal eller har redan använts för att avsluta prenumerationen.');
const unsubscribedPage = () => plainPage(200, 'Prenumerationen är avslutad', 'Du får inga fler nyhetsbrev eller inbjudningar från oss.');

const linkPages = { 200: htmlResponse('Done; a page says so'), 404: htmlResponse('Unknown link; a page says so') };
const buttonPages = { 200: htmlResponse('A page with one button that POSTs to the same address; nothing is changed'), 404: htmlResponse('Unknown link; a page says so') };

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
    operationId: 'showNewsletterConfirmation',
    summary: 'The confirmation link of the double opt-in: a page whose button confirms',
    tags: ['newsletter'],
    access: access.public,
    query: tokenQuery,
    responses: buttonPages,
    async handler({ query }, deps) {
      switch (await confirmLinkState(deps.db, query.token)) {
        case 'unknown-link':
          return unusableConfirmLink();
        case 'subscribed':
          return plainPage(200, 'Du prenumererar redan', 'Du får nyhetsbrev och inbjudningar från Jämtland Härjedalen.');
        case 'pending':
          return buttonPage('Bekräfta prenumerationen', 'Vill du få nyhetsbrev och inbjudningar från Jämtland Härjedalen? Bekräfta med knappen.', 'Ja, jag vill prenumerera');
      }
    },
  }),
  defineRoute({
    method: 'post',
    path: '/newsletter/confirm',
    operationId: 'confirmNewsletter',
    summary: 'The confirmation page\'s button: confirms the subscription',
    tags: ['newsletter'],
    access: access.public,
    query: tokenQuery,
    body: formBody(buttonForm, { limit: '1kb' }),
    responses: linkPages,
    async handler({ query }, deps) {
      return (await confirmSubscription(deps.db, query.token)) === 'done'
        ? plainPage(200, 'Tack!', 'Du prenumererar nu på nyhetsbrev och inbjudningar från Jämtland Härjedalen.')
        : unusableConfirmLink();
    },
  }),
  defineRoute({
    method: 'get',
    path: '/newsletter/unsubscribe',
    operationId: 'showNewsletterUnsubscribe',
    summary: 'The unsubscribe link in every newsletter: a page whose button unsubscribes',
    tags: ['newsletter'],
    access: access.public,
    query: tokenQuery,
    responses: buttonPages,
    async handler({ query }, deps) {
      switch (await unsubscribeLinkState(deps.db, query.token)) {
        case 'unknown-link':
          return unknownLink();
        case 'unsubscribed':
          return unsubscribedPage();
        case 'subscribed':
          return buttonPage('Avsluta prenumerationen', 'Vill du sluta få nyhetsbrev och inbjudningar från oss? Bekräfta med knappen.', 'Avsluta prenumerationen');
      }
    },
  }),
  defineRoute({
    method: 'post',
    path: '/newsletter/unsubscribe',
    operationId: 'unsubscribeOneClick',
    summary: 'The unsubscribe page\'s button, and RFC 8058 one-click: the mail provider posts "List-Unsubscribe=One-Click" to the same URL',
    tags: ['newsletter'],
    access: access.public,
    query: tokenQuery,
    body: formBody(oneClickForm, { limit: '1kb' }),
    responses: linkPages,
    handler: async ({ query }, deps) => ((await unsubscribe(deps.db, query.token)) === 'done' ? unsubscribedPage() : unknownLink()),
  }),
  defineRoute({
    method: 'get',
    path: '/newsletter/rsvp',
    operationId: 'showInvitationAnswer',
    summary: 'The yes/no links in a meetup invitation: a page whose button records the answer',
    tags: ['newsletter'],
    access: access.public,
    query: rsvpQuery,
    responses: buttonPages,
    async handler({ query }, deps) {
      const title = await invitationTitle(deps.db, query.token, query.answer);
      if (title === undefined) return unknownLink();
      return buttonPage(
        `Svar på inbjudan "${title}"`,
        query.answer === 'yes' ? 'Bekräfta med knappen att du kommer.' : 'Bekräfta med knappen att du inte kommer.',
        query.answer === 'yes' ? 'Ja, jag kommer' : 'Nej, jag kommer inte',
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: '/newsletter/rsvp',
    operationId: 'answerInvitation',
    summary: 'The invitation page\'s button: records the yes/no answer',
    tags: ['newsletter'],
    access: access.public,
    query: rsvpQuery,
    body: formBody(buttonForm, { limit: '1kb' }),
    responses: linkPages,
    async handler({ query }, deps) {
      if ((await answerInvitation(deps.db, query.token, query.answer)) === 'unknown-link') return unknownLink();
      return plainPage(200, 'Tack för ditt svar!', query.answer === 'yes' ? 'Vi ses!' : 'Tack för att du meddelade oss.');
    },
  }),
];
