// Public newsletter endpoints: subscribe, confirm, unsubscribe (RFC 8058 one-click) and
// RSVP. No login: the secret token in each link identifies the person.
import { randomUUID } from 'node:crypto';
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { INTEREST_CODES, LANGUAGES } from '../../domain/codes.js';
import { escapeHtml } from '../../activities/newsletter-emails.js';
import { jsonBody, requireJsonBody } from '../json-body.js';
import { emailAddress, municipalityCode, oneLineText } from '../schemas.js';
import { subscribeByEmail, type SubscriptionDeps } from '../use-cases/newsletter-subscription.js';
import { parseOrThrow } from '../validate.js';

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
const tokenQuery = z.object({ token: z.string().min(16).max(100).regex(/^[A-Za-z0-9_-]+$/) });
const rsvpQuery = tokenQuery.extend({ answer: z.enum(['yes', 'no']) });

function plainPage(res: Response, status: number, title: string, text: string) {
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
        `<body style="font-family: system-ui, sans-serif; max-width: 36em; margin: 3em auto"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`,
    );
}

export function newsletterRoutes(deps: SubscriptionDeps): Router {
  const { db } = deps;
  const router = Router();

  router.post('/newsletter/subscribe', requireJsonBody, jsonBody('16kb'), async (req, res) => {
    const body = parseOrThrow(subscribeRequest, req.body, 'body');
    await subscribeByEmail(deps, body);
    // The same answer whether the address was known: the form reveals nobody.
    res.status(202).json({ status: 'confirmation-sent' });
  });

  router.get('/newsletter/confirm', async (req, res) => {
    const parsed = tokenQuery.safeParse(req.query);
    const contact = parsed.success ? await db.contact.findUnique({ where: { newsletterToken: parsed.data.token } }) : null;
    if (!contact || contact.newsletterStatus === 'unsubscribed') {
      return plainPage(res, 404, 'Länken gäller inte', 'Länken är okänd eller har redan använts för att avsluta prenumerationen.');
    }
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
  router.get('/newsletter/unsubscribe', (req, res) => unsubscribe(req.query.token, res));
  // RFC 8058 one-click: the mail provider POSTs "List-Unsubscribe=One-Click" to the same URL.
  router.post('/newsletter/unsubscribe', express.urlencoded({ extended: false, limit: '1kb' }), (req, res) =>
    unsubscribe(req.query.token, res),
  );

  router.get('/newsletter/rsvp', async (req, res) => {
    const parsed = rsvpQuery.safeParse(req.query);
    const recipient = parsed.success
      ? await db.campaignRecipient.findUnique({ where: { rsvpToken: parsed.data.token }, include: { campaign: { select: { title: true } } } })
      : null;
    if (!parsed.success || !recipient) return plainPage(res, 404, 'Länken gäller inte', 'Länken är okänd.');
    const answer = parsed.data.answer;
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
