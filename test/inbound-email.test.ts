// MISSION §5: email conversations land on the contact card by themselves, over a real
// SMTP exchange with the capture listener and over the HTTP push endpoint.
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPTURE_ADDRESS, intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { addCoordinator } from '../scripts/accounts.js';
import { dkimFor, signRaw } from './support/mail-authentication.js';

let product: TestProduct;
let smtp: nodemailer.Transporter;

beforeAll(async () => {
  product = await startTestProduct({ name: 'inbound' });
  // As the coordinators' mail server does: every message leaves DKIM-signed for test.local.
  smtp = nodemailer.createTransport({ host: '127.0.0.1', port: product.inboundSmtpPort, secure: false, ignoreTLS: true, dkim: dkimFor('test.local') });
});
afterAll(async () => {
  smtp?.close();
  await product?.close();
});

const rawMessage = (mail: nodemailer.SendMailOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    new MailComposer({ ...mail, bcc: undefined }).compile().build((error, message) => (error ? reject(error) : resolve(message))),
  );

async function card(contactId: string) {
  return (await product.request('GET', `/api/v1/contacts/${contactId}`, { token: product.coordinators.region.token })).body;
}

describe('dialog capture', () => {
  it('logs a coordinator’s reply with the capture address in Bcc as outbound and stops the SLA clock of the right case', async () => {
    const body = intakeBody();
    const intake = await product.intake(body);
    const other = await product.intake(intakeBody());
    await smtp.sendMail({
      from: `Vägledare Åre <${product.coordinators.are.email}>`,
      to: `Anna <${body.email}>`,
      bcc: CAPTURE_ADDRESS,
      subject: 'Välkommen till Åre – svar på dina frågor',
      text: 'Hej Anna! Här kommer information om bostäder i Åre.',
    });

    const contactCard = await card(intake.body.contactId);
    expect(contactCard.activities).toEqual([
      expect.objectContaining({
        type: 'email',
        direction: 'outbound',
        countsAsFirstReply: true,
        author: expect.objectContaining({ id: product.coordinators.are.id }),
        summary: expect.stringContaining('Här kommer information om bostäder i Åre.'),
      }),
    ]);
    expect(contactCard.activities[0].summary).toContain('Välkommen till Åre – svar på dina frågor');
    expect(contactCard.cases[0]).toMatchObject({ status: 'replied', slaOutcome: 'met' });
    const untouched = await product.db.case.findUniqueOrThrow({ where: { id: other.body.caseId } });
    expect(untouched.status).toBe('awaiting-reply');
  });

  it('logs an Outlook reply that quotes the person’s message as the coordinator’s outbound reply', async () => {
    const body = intakeBody();
    const intake = await product.intake(body);
    await smtp.sendMail({
      from: product.coordinators.are.email,
      to: body.email,
      bcc: CAPTURE_ADDRESS,
      subject: 'SV: Frågor om Åre',
      text: [
        'Hej Anna, välkommen! Jag ringer dig i morgon.',
        '',
        `Från: Anna <${body.email}>`,
        'Skickat: den 30 november 2026 08:12',
        `Till: ${product.coordinators.are.email}`,
        'Ämne: Frågor om Åre',
        '',
        'Hej, vi funderar på att flytta.',
      ].join('\r\n'),
    });
    const contactCard = await card(intake.body.contactId);
    expect(contactCard.activities).toEqual([
      expect.objectContaining({ direction: 'outbound', countsAsFirstReply: true, author: expect.objectContaining({ id: product.coordinators.are.id }) }),
    ]);
    expect(contactCard.cases[0]).toMatchObject({ status: 'replied', slaOutcome: 'met' });
  });

  it('logs a message from a contact as inbound without stopping the clock', async () => {
    const body = intakeBody();
    const intake = await product.intake(body);
    await smtp.sendMail({
      from: `Anna <${body.email}>`,
      to: product.coordinators.are.email,
      cc: CAPTURE_ADDRESS,
      subject: 'Fråga om förskola',
      text: 'Finns det förskoleplatser i Järpen?',
    });
    const contactCard = await card(intake.body.contactId);
    expect(contactCard.activities).toEqual([
      expect.objectContaining({ type: 'email', direction: 'inbound', countsAsFirstReply: false, author: null }),
    ]);
    expect(contactCard.cases[0]).toMatchObject({ status: 'awaiting-reply', slaOutcome: 'open' });
  });

  it('logs the same message once, whether captured twice over SMTP, pushed over HTTP, or Bcc’d and then forwarded', async () => {
    const body = intakeBody();
    const intake = await product.intake(body);
    const original: nodemailer.SendMailOptions = {
      from: product.coordinators.are.email,
      to: body.email,
      subject: 'Boende i Åre',
      text: 'Hej! Här är tre tips om boende.',
      messageId: `<dup-${product.tag}@are.test.local>`,
      date: new Date('2026-11-30T10:15:00+01:00'),
    };
    const raw = await rawMessage(original);
    const envelope = { from: product.coordinators.are.email, to: [CAPTURE_ADDRESS] };
    await smtp.sendMail({ envelope, raw });
    await smtp.sendMail({ envelope, raw });
    const pushed = await product.request('POST', '/api/v1/inbound-email', {
      rawBody: (await signRaw(raw, 'test.local')).toString('utf8'),
      token: product.mailIngestKey,
      headers: { 'content-type': 'message/rfc822' },
    });
    expect(pushed.status).toBe(200);
    expect(pushed.body).toMatchObject({ duplicate: true, status: 'logged' });

    // The coordinator also forwards the sent message (Gmail style) to the capture address.
    await smtp.sendMail({
      from: product.coordinators.are.email,
      to: CAPTURE_ADDRESS,
      subject: 'Fwd: Boende i Åre',
      text: [
        'Till kontaktkortet.',
        '',
        '---------- Forwarded message ---------',
        `From: Vägledare Åre <${product.coordinators.are.email}>`,
        'Date: Mon, 30 Nov 2026 at 10:15',
        'Subject: Boende i Åre',
        `To: <${body.email}>`,
        '',
        'Hej! Här är tre tips om boende.',
      ].join('\r\n'),
    });

    const contactCard = await card(intake.body.contactId);
    expect(contactCard.activities).toHaveLength(1);
    expect(await product.db.inboundEmail.count({ where: { messageId: `dup-${product.tag}@are.test.local` } })).toBe(1);
    // Not vanished: the original counts the second SMTP copy, the push and the forward.
    const logged = await product.request('GET', '/api/v1/admin/inbound-email?status=logged&pageSize=200', { token: product.coordinators.admin.token });
    const entry = logged.body.items.find((item: { messageId: string | null }) => item.messageId === `dup-${product.tag}@are.test.local`);
    expect(entry).toMatchObject({ duplicateCount: 3, activityIds: contactCard.activities.map((activity: { id: string }) => activity.id) });
  });

  it('logs two different messages from a contact with the same subject in the same minute', async () => {
    const body = intakeBody();
    const intake = await product.intake(body);
    const sentAt = new Date('2026-11-30T08:12:10+01:00');
    for (const [text, second] of [['Hur är det med skolorna?', 10], ['Och finns det hyresrätter?', 40]] as const) {
      await smtp.sendMail({
        from: body.email,
        to: product.coordinators.are.email,
        cc: CAPTURE_ADDRESS,
        subject: 'Flytt',
        text,
        date: new Date(sentAt.getTime() + second * 1000 - 10_000),
      });
    }
    const contactCard = await card(intake.body.contactId);
    expect(contactCard.activities.map((activity: { summary: string }) => activity.summary).sort()).toEqual([
      'Flytt\n\nHur är det med skolorna?',
      'Flytt\n\nOch finns det hyresrätter?',
    ]);
  });

  it('logs a forwarded message from a contact as inbound, authored by the forwarding coordinator', async () => {
    const body = intakeBody();
    const intake = await product.intake(body);
    await smtp.sendMail({
      from: product.coordinators.are.email,
      to: CAPTURE_ADDRESS,
      subject: 'VB: Flytt i vår',
      text: [
        '-----Ursprungligt meddelande-----',
        `Från: Anna <${body.email}>`,
        'Skickat: den 30 november 2026 09:00',
        `Till: ${product.coordinators.are.email}`,
        'Ämne: Flytt i vår',
        '',
        'Vi planerar att flytta i april.',
      ].join('\r\n'),
    });
    const contactCard = await card(intake.body.contactId);
    expect(contactCard.activities).toEqual([
      expect.objectContaining({ direction: 'inbound', author: expect.objectContaining({ id: product.coordinators.are.id }) }),
    ]);
    expect(contactCard.activities[0].summary).toContain('Vi planerar att flytta i april.');
  });

  it('keeps unmatched and untrusted messages in the admin review queue instead of guessing', async () => {
    const spoofable = await addCoordinator(product.db, {
      name: 'Extern',
      email: `guide.${product.tag}@other.example`,
      unit: 'berg',
      role: 'coordinator',
    });
    const known = intakeBody();
    await product.intake(known);
    await smtp.sendMail({ from: 'stranger@example.org', to: CAPTURE_ADDRESS, subject: `Okänd ${product.tag}`, text: 'Hej' });
    await smtp.sendMail({ from: product.coordinators.are.email, to: 'nobody@example.org', bcc: CAPTURE_ADDRESS, subject: `Ingen kontakt ${product.tag}`, text: 'Hej' });
    await smtp.sendMail({ from: spoofable.email, to: known.email, bcc: CAPTURE_ADDRESS, subject: `Fel domän ${product.tag}`, text: 'Hej' });

    const queue = await product.request('GET', '/api/v1/admin/inbound-email', { token: product.coordinators.admin.token });
    expect(queue.status).toBe(200);
    const reasons = Object.fromEntries(
      queue.body.items
        .filter((item: { subject: string }) => item.subject.includes(product.tag))
        .map((item: { subject: string; reason: string }) => [item.subject.replace(` ${product.tag}`, ''), item.reason]),
    );
    expect(reasons).toEqual({
      Okänd: 'unknown-sender',
      'Ingen kontakt': 'no-matching-contact',
      'Fel domän': 'untrusted-sender-domain',
    });
    const knownContact = await product.db.contact.findUniqueOrThrow({ where: { email: known.email }, include: { activities: true } });
    expect(knownContact.activities).toEqual([]);

    const notAdmin = await product.request('GET', '/api/v1/admin/inbound-email', { token: product.coordinators.are.token });
    expect(notAdmin.status).toBe(403);
  });

  it('refuses mail for other addresses, so the listener is no open relay', async () => {
    const refused = await smtp
      .sendMail({ from: product.coordinators.are.email, to: 'someone@example.org', subject: 'relay?', text: 'x' })
      .catch((error: { responseCode?: number }) => error);
    expect((refused as { responseCode?: number }).responseCode).toBe(550);
  });

  it('tells coordinators in the notification how to copy their reply to the capture address', async () => {
    const body = intakeBody();
    await product.intake(body);
    const [notification] = await product.mailbox.waitFor(
      (mail) => product.mailbox.addressedTo(mail, product.coordinators.are.email) && mail.text.includes(body.lastName),
    );
    expect(notification!.text).toContain(`lägg ${CAPTURE_ADDRESS} som hemlig kopia (Bcc)`);
    expect(notification!.text).toContain(`mailto:${body.email}?bcc=${encodeURIComponent(CAPTURE_ADDRESS)}`);
  });

  it('rejects pushes without the mail-ingest key (a coordinator token is not one) or with an empty body', async () => {
    const anonymous = await product.request('POST', '/api/v1/inbound-email', { rawBody: 'Subject: x\r\n\r\nx', headers: { 'content-type': 'message/rfc822' } });
    expect(anonymous.status).toBe(401);
    const coordinator = await product.request('POST', '/api/v1/inbound-email', {
      rawBody: 'Subject: x\r\n\r\nx',
      token: product.coordinators.are.token,
      headers: { 'content-type': 'message/rfc822' },
    });
    expect(coordinator.status).toBe(401);
    const empty = await product.request('POST', '/api/v1/inbound-email', { token: product.mailIngestKey, rawBody: '{}' });
    expect(empty.status).toBe(415);
  });
});
