// Issue 12, item 3: after DELETE /contacts/{id} nothing of the person remains anywhere in
// the database: not on the card, not in captured or sent mail, not in stored answers,
// not in the review queue. The proof dumps every column of every row of every table.
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dkimFor } from './support/mail-authentication.js';
import { CAPTURE_ADDRESS, intakeBody, PUBLIC_BASE_URL, startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;
let smtp: nodemailer.Transporter;
let unsigned: nodemailer.Transporter;

beforeAll(async () => {
  product = await startTestProduct({ name: 'erasure' });
  smtp = nodemailer.createTransport({ host: '127.0.0.1', port: product.inboundSmtpPort, secure: false, ignoreTLS: true, dkim: dkimFor('test.local') });
  unsigned = nodemailer.createTransport({ host: '127.0.0.1', port: product.inboundSmtpPort, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  smtp?.close();
  unsigned?.close();
  await product?.close();
});

/** Every row of every table in the product's schema, as text. */
async function dumpDatabase(): Promise<Map<string, string[]>> {
  const client = new pg.Client({ connectionString: product.databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const dump = new Map<string, string[]>();
    for (const { table_name: table } of tables.rows) {
      const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t`);
      dump.set(table, rows.rows.map((row) => row.row));
    }
    return dump;
  } finally {
    await client.end();
  }
}

function tablesContaining(dump: Map<string, string[]>, needle: string): string[] {
  const lower = needle.toLowerCase();
  return [...dump].filter(([, rows]) => rows.some((row) => row.toLowerCase().includes(lower))).map(([table]) => table);
}

describe('erasure on request', () => {
  it('leaves none of the person’s email, phone, names or message text in any table', async () => {
    const unique = randomBytes(4).toString('hex');
    const national = `070${String(Number.parseInt(unique, 16) % 10_000_000).padStart(7, '0')}`;
    const person = intakeBody({
      firstName: `Ingrid${unique}`,
      lastName: `Lindqvist${unique}`,
      email: `ingrid.${unique}@example.se`,
      phone: national,
      message: `Vi vill bo nära sjön Storsjön ${unique}`,
      newsletter: true,
    });
    const phone = `+46${national.slice(1)}`;
    const intake = await product.intake(person, 'tasteget', { 'Idempotency-Key': `form-${unique}` });
    expect(intake.status).toBe(202);
    const { contactId, caseId } = intake.body;
    const coordinator = product.coordinators.are;

    // The newsletter confirmation (its token is in the delivery's idempotency key), confirmed.
    const [confirmation] = await product.mailbox.waitFor((mail) => product.mailbox.addressedTo(mail, person.email) && /Bekräfta/.test(mail.subject));
    const confirmUrl = new RegExp(`${PUBLIC_BASE_URL}/api/v1/newsletter/confirm\\?token=([A-Za-z0-9_-]+)`).exec(confirmation!.text)!;
    const token = confirmUrl[1]!;
    // The link's page has one button; its POST confirms.
    const confirmed = await fetch(confirmUrl[0].replace(PUBLIC_BASE_URL, product.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(confirmed.status).toBe(200);

    // Dialog: a logged call with a stored answer, a transfer note, and captured mail.
    const logged = await product.request('POST', `/api/v1/contacts/${contactId}/activities`, {
      token: coordinator.token,
      headers: { 'Idempotency-Key': `call-${unique}` },
      body: { type: 'phone', outcome: 'reached', summary: `Pratade med ${person.firstName}, nås på ${national}` },
    });
    expect(logged.status).toBe(201);
    const transferred = await product.request('POST', `/api/v1/cases/${caseId}/transfer`, {
      token: coordinator.token,
      body: { to: 'krokom', note: `${person.firstName} ${person.lastName} vill hellre bo i Krokom` },
    });
    expect(transferred.status).toBe(200);
    const fromPerson = `Kan ni ringa mig på ${national}? Hälsningar ${person.firstName} ${unique}`;
    await smtp.sendMail({ from: `${person.firstName} <${person.email}>`, to: coordinator.email, cc: CAPTURE_ADDRESS, subject: `Frågor ${unique}`, text: fromPerson });
    // A forged "reply" to the person waits in review, naming them only by address.
    await unsigned.sendMail({ from: coordinator.email, to: person.email, bcc: CAPTURE_ADDRESS, subject: `Svar ${unique}`, text: `Hej ${unique}` });
    // A stranger's message about them, in review, naming them by name and phone.
    await smtp.sendMail({ from: 'granne@example.org', to: CAPTURE_ADDRESS, subject: `Om grannen ${unique}`, text: `${person.firstName} ${person.lastName} har nummer ${phone}` });
    const captured = await product.db.inboundEmail.findMany({ where: { subject: { contains: unique } } });
    expect(captured.map((row) => row.status).sort()).toEqual(['logged', 'review', 'review']);

    // A newsletter sent to them (campaigns are an administrator's).
    const admin = product.coordinators.admin;
    const campaign = await product.request('POST', '/api/v1/campaigns', {
      token: admin.token,
      body: { kind: 'newsletter', title: `Nytt ${unique}`, text: { sv: 'Hej!' }, filter: { municipalities: ['are'] } },
    });
    expect(campaign.body.recipientCount).toBe(1);
    await product.request('POST', `/api/v1/campaigns/${campaign.body.id}/start`, { token: admin.token });
    expect(await product.temporal.workflow.getHandle(campaign.body.workflowId).result()).toMatchObject({ sent: 1 });

    const needles = {
      email: person.email,
      phone,
      national,
      firstName: person.firstName,
      lastName: person.lastName,
      message: person.message,
      capturedText: `ringa mig på`,
      token,
    };
    const before = await dumpDatabase();
    // The setup really put the person into these places.
    expect(tablesContaining(before, person.email).sort()).toEqual(
      expect.arrayContaining(['contacts', 'email_deliveries', 'inbound_emails']),
    );
    expect(tablesContaining(before, token)).toEqual(expect.arrayContaining(['email_deliveries']));
    expect(tablesContaining(before, national)).toEqual(expect.arrayContaining(['activities', 'inbound_emails']));
    expect(tablesContaining(before, contactId)).toEqual(expect.arrayContaining(['idempotency_records']));

    const erased = await product.request('DELETE', `/api/v1/contacts/${contactId}`, { token: product.coordinators.admin.token, body: { reason: 'request-by-person' } });
    expect(erased.status).toBe(200);

    const after = await dumpDatabase();
    const leftovers = Object.fromEntries(
      Object.entries(needles)
        .map(([what, needle]) => [what, tablesContaining(after, needle)] as const)
        .filter(([, tables]) => tables.length > 0),
    );
    expect(leftovers).toEqual({});
    // The audit record stays, with counts only.
    const audit = await product.db.auditRecord.findFirstOrThrow({ where: { kind: 'erasure', subjectId: contactId } });
    expect(audit.details).toMatchObject({ reason: 'request-by-person', cases: 1, inboundEmails: 3 });
    expect(await product.db.campaign.count({ where: { id: campaign.body.id } })).toBe(1);
  });
});
