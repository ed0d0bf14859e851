// Public newsletter endpoints: subscribe, confirm, unsubscribe (RFC 8058 one-click) and
// RSVP. No login: the secret token in each link identifies the person. Mail scanners
// follow every link in a message, so a GET only shows a page with one button; the
// button's POST makes the change.
import { randomUUID } from 'node:crypto';
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { INTEREST_CODES, LANGUAGES } from '../../domain/codes.js';
import { escapeHtml } from '../../activities/newsletter-emails.js';
import { requireJsonBody } from '../json-body.js';
import { subscribeRateLimit, type RateLimits } from '../rate-limits.js';
import { municipalityCode } from '../schemas.js';
import { subscribeByEmail, type SubscriptionDeps } from '../use-cases/newsletter-subscription.js';
import { parseOrThrow } from '../validate.js';

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
const tokenQuery = z.object({ token: z.string().min(16).max(100).regex(/^[A-Za-z0-9_-]+$/) });
const rsvpQuery = tokenQuery.extend({ answer: z.enum(['yes', 'no']) });

const pageHead = (title: string) =>
  `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family: system-ui, sans-serif; max-width: 36em; margin: 3em auto; padding: 0 1em; line-height: 1.5"><main>` +
  `<h1>${escapeHtml(title)}</h1>`;

function plainPage(res: Response, status: number, title: string, text: string) {
  res.status(status).type('html').send(`${pageHead(title)}<p>${escapeHtml(text)}</p></main></body></html>`);
}

/** One button that POSTs to the same address (token and answer stay in the query). */
function buttonPage(res: Response, title: string, text: string, button: string) {
  res
    .status(200)
    .type('html')
    .setHeader('Cache-Control', 'no-store')
    .send(
      `${pageHead(title)}<p>${escapeHtml(text)}</p>` +
        `<form method="post"><button type="submit" style="font-size: 1.1em; padding: 0.6em 1.2em">${escapeHtml(button)}</button></form>` +
        `</main></body></html>`,
    );
}

const unknownLink = (res: Response) => plainPage(res, 404, 'Länken gäller inte', 'Länken är okänd.');
const formBody = express.urlencoded({ extended: false, limit: '1kb' });

export function newsletterRoutes(deps: SubscriptionDeps & { rateLimits?: RateLimits }): Router {
  const { db } = deps;
  const router = Router();

  router.post('/newsletter/subscribe', subscribeRateLimit(deps.rateLimits?.subscribePerMinute), requireJsonBody, express.json({ limit: '16kb' }), async (req, res) => {
    const body = parseOrThrow(subscribeRequest, req.body, 'body');
    await subscribeByEmail(deps, body);
    // The same answer whether the address was known: the form reveals nobody.
    res.status(202).json({ status: 'confirmation-sent' });
  });

  const findByToken = async (query: unknown) => {
    const parsed = tokenQuery.safeParse(query);
    return parsed.success ? db.contact.findUnique({ where: { newsletterToken: parsed.data.token } }) : null;
  };
  const unusableConfirmLink = (res: Response) =>
    plainPage(res, 404, 'Länken gäller inte', 'Länken är okänd, för gammal eller har redan använts för att avsluta prenumerationen.');

  router.get('/newsletter/confirm', async (req, res) => {
    const contact = await findByToken(req.query);
    if (!contact || contact.newsletterStatus === 'unsubscribed') return unusableConfirmLink(res);
    if (contact.newsletterStatus === 'subscribed') {
      return plainPage(res, 200, 'Du prenumererar redan', 'Du får nyhetsbrev och inbjudningar från Jämtland Härjedalen.');
    }
    buttonPage(res, 'Bekräfta prenumerationen', 'Vill du få nyhetsbrev och inbjudningar från Jämtland Härjedalen? Bekräfta med knappen.', 'Ja, jag vill prenumerera');
  });

  router.post('/newsletter/confirm', formBody, async (req, res) => {
    const contact = await findByToken(req.query);
    if (!contact || contact.newsletterStatus === 'unsubscribed') return unusableConfirmLink(res);
    if (contact.newsletterStatus !== 'subscribed') {
      const now = new Date();
      await db.contact.update({
        where: { id: contact.id },
        data: { newsletterStatus: 'subscribed', newsletterConsentAt: now, lastActivityAt: now },
      });
    }
    plainPage(res, 200, 'Tack!', 'Du prenumererar nu på nyhetsbrev och inbjudningar från Jämtland Härjedalen.');
  });

  const unsubscribe = async (token: unknown, res: Response) => {
    const parsed = tokenQuery.safeParse({ token });
    const contact = parsed.success ? await db.contact.findUnique({ where: { newsletterToken: parsed.data.token } }) : null;
    if (!contact) return plainPage(res, 404, 'Länken gäller inte', 'Länken är okänd.');
    if (contact.newsletterStatus !== 'unsubscribed') {
      const now = new Date();
      await db.$transaction([
        db.contact.update({ where: { id: contact.id }, data: { newsletterStatus: 'unsubscribed', lastActivityAt: now } }),
        db.activity.create({
          data: { id: randomUUID(), contactId: contact.id, type: 'note', occurredAt: now, summary: 'Avslutade prenumerationen på nyhetsbrevet' },
        }),
      ]);
    }
    plainPage(res, 200, 'Prenumerationen är avslutad', 'Du får inga fler nyhetsbrev eller inbjudningar från oss.');
  };
  router.get('/newsletter/unsubscribe', async (req, res) => {
    const contact = await findByToken(req.query);
    if (!contact) return unknownLink(res);
    if (contact.newsletterStatus === 'unsubscribed') {
      return plainPage(res, 200, 'Prenumerationen är avslutad', 'Du får inga fler nyhetsbrev eller inbjudningar från oss.');
    }
    buttonPage(res, 'Avsluta prenumerationen', 'Vill du sluta få nyhetsbrev och inbjudningar från oss? Bekräfta med knappen.', 'Avsluta prenumerationen');
  });
  // The page's button, and RFC 8058 one-click: the mail provider POSTs
  // "List-Unsubscribe=One-Click" to the same URL.
  router.post('/newsletter/unsubscribe', formBody, (req, res) => unsubscribe(req.query.token, res));

  const findInvitation = async (query: unknown) => {
    const parsed = rsvpQuery.safeParse(query);
    const recipient = parsed.success
      ? await db.campaignRecipient.findUnique({ where: { rsvpToken: parsed.data.token }, include: { campaign: { select: { title: true } } } })
      : null;
    return parsed.success && recipient ? { recipient, answer: parsed.data.answer } : undefined;
  };

  router.get('/newsletter/rsvp', async (req, res) => {
    const found = await findInvitation(req.query);
    if (!found) return unknownLink(res);
    const { recipient, answer } = found;
    buttonPage(
      res,
      `Svar på inbjudan "${recipient.campaign.title}"`,
      answer === 'yes' ? 'Bekräfta med knappen att du kommer.' : 'Bekräfta med knappen att du inte kommer.',
      answer === 'yes' ? 'Ja, jag kommer' : 'Nej, jag kommer inte',
    );
  });

  router.post('/newsletter/rsvp', formBody, async (req, res) => {
    const found = await findInvitation(req.query);
    if (!found) return unknownLink(res);
    const { recipient, answer } = found;
    if (recipient.rsvp !== answer) {
      const now = new Date();
      await db.$transaction([
        db.campaignRecipient.update({
          where: { campaignId_contactId: { campaignId: recipient.campaignId, contactId: recipient.contactId } },
          data: { rsvp: answer, rsvpAt: now },
        }),
        db.contact.update({ where: { id: recipient.contactId }, data: { lastActivityAt: now } }),
        db.activity.create({
          data: {
            id: randomUUID(),
            contactId: recipient.contactId,
            type: 'note',
            occurredAt: now,
            summary: `Svar på inbjudan "${recipient.campaign.title}": ${answer === 'yes' ? 'kommer' : 'kommer inte'}`,
          },
        }),
      ]);
    }
    plainPage(res, 200, 'Tack för ditt svar!', answer === 'yes' ? 'Vi ses!' : 'Tack för att du meddelade oss.');
  });

  return router;
}
