// Issue 12, item 1: a forged email must not stop the SLA clock. Over real SMTP and HTTP:
// only a message whose origin is authenticated for the coordinator's domain (DKIM
// aligned with it, or a trusted relay's Authentication-Results) counts as the
// coordinator's reply; anything else waits in the review queue and the clock runs on.
import net from 'node:net';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInboundSmtp } from '../api/inbound-smtp.js';
import { dkimFor, signRaw, TRUSTED_RELAY_ID } from './support/mail-authentication.js';
import { CAPTURE_ADDRESS, intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

const REMINDER_AFTER_MS = 5_000;
const DUE_AFTER_MS = 8_000;

let product: TestProduct;
let unsigned: nodemailer.Transporter;
let signedByCoordinators: nodemailer.Transporter;
let signedByAttacker: nodemailer.Transporter;

beforeAll(async () => {
  product = await startTestProduct({
    name: 'mailtrust',
    deadlines: (receivedAt) => ({
      reminderAt: new Date(receivedAt.getTime() + REMINDER_AFTER_MS),
      firstReplyDueAt: new Date(receivedAt.getTime() + DUE_AFTER_MS),
      secondEscalationAt: new Date(receivedAt.getTime() + 600_000),
    }),
  });
  const transport = (dkim?: ReturnType<typeof dkimFor>) =>
    nodemailer.createTransport({ host: '127.0.0.1', port: product.inboundSmtpPort, secure: false, ignoreTLS: true, ...(dkim ? { dkim } : {}) });
  unsigned = transport();
  signedByCoordinators = transport(dkimFor('test.local'));
  // evil.example publishes its own valid key: a valid signature, but not for the From domain.
  signedByAttacker = transport(dkimFor('evil.example'));
});
afterAll(async () => {
  for (const transport of [unsigned, signedByCoordinators, signedByAttacker]) transport?.close();
  await product?.close();
});

const rawMessage = (mail: nodemailer.SendMailOptions) =>
  new Promise<Buffer>((resolve, reject) => new MailComposer(mail).compile().build((error, message) => (error ? reject(error) : resolve(message))));

async function caseOf(caseId: string) {
  return (await product.request('GET', `/api/v1/cases/${caseId}`, { token: product.coordinators.region.token })).body;
}

async function capturedBySubject(subject: string) {
  return product.db.inboundEmail.findFirstOrThrow({ where: { subject } });
}

function forgedReply(to: string, subject: string): nodemailer.SendMailOptions {
  return {
    from: `Vägledare Åre <${product.coordinators.are.email}>`,
    to,
    bcc: CAPTURE_ADDRESS,
    subject,
    text: 'Hej! Vi har pratat och allt är klart.',
  };
}

describe('a coordinator’s reply counts only with an authenticated origin', () => {
  it('keeps a forged, unsigned “reply” in the review queue; the case is reminded and escalated as if nobody replied', async () => {
    const body = intakeBody();
    const intake = await product.intake(body);
    const subject = `Förfalskat svar ${product.tag}`;
    await unsigned.sendMail(forgedReply(body.email, subject));

    const captured = await capturedBySubject(subject);
    expect(captured).toMatchObject({ status: 'review', reason: 'unauthenticated-sender', activityIds: [] });
    expect(await product.db.activity.count({ where: { contactId: intake.body.contactId } })).toBe(0);
    const about = (mail: { text: string }) => mail.text.includes(body.lastName);
    await product.mailbox.waitFor(
      (mail) => about(mail) && product.mailbox.addressedTo(mail, product.coordinators.are.email) && mail.subject.startsWith('Påminnelse'),
    );
    const overdue = await eventually(
      () => caseOf(intake.body.caseId),
      (state) => state.escalationLevel === 1,
      { what: 'first escalation', timeoutMs: 30_000 },
    );
    expect(overdue).toMatchObject({ status: 'awaiting-reply', slaOutcome: 'open', overdue: true });
  });

  it('keeps a message signed by another domain in review', async () => {
    const body = intakeBody();
    const intake = await product.intake(body);
    const subject = `Fel signatur ${product.tag}`;
    await signedByAttacker.sendMail(forgedReply(body.email, subject));
    expect(await capturedBySubject(subject)).toMatchObject({ status: 'review', reason: 'unauthenticated-sender' });
    expect(await caseOf(intake.body.caseId)).toMatchObject({ status: 'awaiting-reply', slaOutcome: 'open' });
  });

  it('logs a reply DKIM-signed by the coordinator’s domain and stops the clock', async () => {
    const body = intakeBody();
    const intake = await product.intake(body);
    const subject = `Äkta svar ${product.tag}`;
    await signedByCoordinators.sendMail(forgedReply(body.email, subject));
    expect(await capturedBySubject(subject)).toMatchObject({ status: 'logged' });
    expect(await caseOf(intake.body.caseId)).toMatchObject({ status: 'replied', slaOutcome: 'met' });
  });

  it('believes the topmost Authentication-Results of the trusted relay only', async () => {
    const send = async (subject: string, results: string[]) => {
      const body = intakeBody();
      const intake = await product.intake(body);
      const raw = await rawMessage({ ...forgedReply(body.email, subject), bcc: undefined, headers: results.map((value) => ({ key: 'Authentication-Results', value })) });
      await unsigned.sendMail({ envelope: { from: product.coordinators.are.email, to: [CAPTURE_ADDRESS] }, raw });
      return { captured: await capturedBySubject(subject), state: await caseOf(intake.body.caseId) };
    };
    const vouched = await send(`Relä godkänt ${product.tag}`, [`${TRUSTED_RELAY_ID}; dkim=pass header.d=test.local; dmarc=pass (p=reject) header.from=test.local`]);
    expect(vouched.captured.status).toBe('logged');
    expect(vouched.state).toMatchObject({ status: 'replied', slaOutcome: 'met' });

    const strangerRelay = await send(`Okänt relä ${product.tag}`, ['mx.attacker.example; dmarc=pass header.from=test.local']);
    expect(strangerRelay.captured).toMatchObject({ status: 'review', reason: 'unauthenticated-sender' });
    expect(strangerRelay.state.status).toBe('awaiting-reply');

    // The relay's own verdict is on top; the forged "pass" below it came with the message.
    const forgedBelow = await send(`Falskt under ${product.tag}`, [
      `${TRUSTED_RELAY_ID}; dmarc=fail header.from=test.local`,
      `${TRUSTED_RELAY_ID}; dmarc=pass header.from=test.local`,
    ]);
    expect(forgedBelow.captured).toMatchObject({ status: 'review', reason: 'unauthenticated-sender' });
    expect(forgedBelow.state.status).toBe('awaiting-reply');
  });

  it('takes pushes only with the mail-ingest key, and still checks the origin of what is pushed', async () => {
    const body = intakeBody();
    const intake = await product.intake(body);
    const forged = await rawMessage({ ...forgedReply(body.email, `Pushat falskt ${product.tag}`), bcc: undefined });
    const push = (raw: Buffer, token: string) =>
      product.request('POST', '/api/v1/inbound-email', { rawBody: raw.toString('utf8'), token, headers: { 'content-type': 'message/rfc822' } });

    const withCoordinatorToken = await push(forged, product.coordinators.are.token);
    expect(withCoordinatorToken.status).toBe(401);
    expect(withCoordinatorToken.headers.get('content-type')).toContain('application/problem+json');
    expect((await push(forged, `${product.mailIngestKey}x`)).status).toBe(401);

    const pushedForged = await push(forged, product.mailIngestKey);
    expect(pushedForged.status).toBe(202);
    expect(pushedForged.body).toMatchObject({ status: 'review', reason: 'unauthenticated-sender' });
    expect(await caseOf(intake.body.caseId)).toMatchObject({ status: 'awaiting-reply' });

    const genuine = await signRaw(await rawMessage({ ...forgedReply(body.email, `Pushat äkta ${product.tag}`), bcc: undefined }), 'test.local');
    const pushedGenuine = await push(genuine, product.mailIngestKey);
    expect(pushedGenuine.body).toMatchObject({ status: 'logged' });
    expect(await caseOf(intake.body.caseId)).toMatchObject({ status: 'replied', slaOutcome: 'met' });
  });
});

describe('the capture listener accepts connections from the configured relays only', () => {
  it('answers 554 and hangs up on a client outside the allow list', async () => {
    const listener = await startInboundSmtp({
      port: 0,
      host: '127.0.0.1',
      captureAddresses: [CAPTURE_ADDRESS],
      maxBytes: 1024 * 1024,
      allowedClients: ['10.0.0.0/8', '::1'],
      maxConnections: 5,
      logger: pino({ level: 'silent' }),
      ingest: async () => {
        throw new Error('must not be reached');
      },
    });
    try {
      const socket = net.connect(listener.port, '127.0.0.1');
      const received = await new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (chunk) => (text += String(chunk)));
        socket.on('close', () => resolve(text));
      });
      expect(received).toMatch(/^554 /);
    } finally {
      await listener.stop();
    }
  });
});
