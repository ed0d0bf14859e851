import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({ name: 'lifecycle' });
});
afterAll(async () => {
  await product?.close();
});

const logActivity = (contactId: string, body: unknown, token = product.coordinators.are.token) =>
  product.request('POST', `/api/v1/contacts/${contactId}/activities`, { body, token });

describe('the case workflow', () => {
  it('records an outbound email as the first reply: SLA met, workflow and database agree', async () => {
    const form = intakeBody();
    const intake = await product.intake(form);
    const noAnswer = await logActivity(intake.body.contactId, { type: 'phone', outcome: 'no-answer', summary: 'Inget svar' });
    const inbound = await logActivity(intake.body.contactId, { type: 'email', direction: 'inbound', summary: 'Fråga om skolor' });
    expect(noAnswer.status).toBe(201);
    expect(noAnswer.body.cases).toEqual([]);
    expect(inbound.body.cases).toEqual([]);

    const reply = await logActivity(intake.body.contactId, { type: 'email', direction: 'outbound', summary: 'Välkommen! Här är svaren.' });
    expect(reply.status).toBe(201);
    expect(reply.body.activity).toMatchObject({ type: 'email', direction: 'outbound', countsAsFirstReply: true });
    expect(reply.body.cases).toEqual([
      expect.objectContaining({ caseId: intake.body.caseId, status: 'replied', slaOutcome: 'met', overdue: false }),
    ]);

    const row = await product.db.case.findUniqueOrThrow({ where: { id: intake.body.caseId } });
    expect(row).toMatchObject({ status: 'replied', slaOutcome: 'met', firstReplyActivityId: reply.body.activity.id });

    const card = await product.request('GET', `/api/v1/contacts/${intake.body.contactId}`, { token: product.coordinators.ostersund.token });
    expect(card.status).toBe(200);
    expect(card.body.preferredContact).toEqual({ method: 'email', value: form.email });
    expect(card.body.activities.map((a: { summary: string }) => a.summary)).toEqual([
      'Välkommen! Här är svaren.',
      'Fråga om skolor',
      'Inget svar',
    ]);
    expect(card.body.activities[0].author.id).toBe(product.coordinators.are.id);
    expect(card.body.cases[0]).toMatchObject({ status: 'replied', slaOutcome: 'met', firstReplyAt: expect.any(String) });
  });

  it('counts a call or meeting that reached the person as the first reply', async () => {
    const byPhone = await product.intake(intakeBody());
    const byMeeting = await product.intake(intakeBody());
    const call = await logActivity(byPhone.body.contactId, { type: 'phone', direction: 'outbound', outcome: 'reached', summary: 'Pratade' });
    const meeting = await logActivity(byMeeting.body.contactId, { type: 'meeting', outcome: 'reached', summary: 'Träffades' });
    expect(call.body.cases[0]).toMatchObject({ slaOutcome: 'met', status: 'replied' });
    expect(meeting.body.cases[0]).toMatchObject({ slaOutcome: 'met', status: 'replied' });
  });

  it('escalates a back-dated import past its deadline to the unit and the region, and marks it overdue in the Web UI', async () => {
    const body = intakeBody({ receivedAt: '2026-11-02T09:00:00+01:00', municipalities: ['are'] });
    const intake = await product.intake(body, 'import');
    expect(intake.status).toBe(202);
    expect(intake.body.firstReplyDueAt).toBe('2026-11-09T23:59:59+01:00');

    const isEscalation = (mail: { subject: string; text: string }) => mail.subject.includes('FÖRSENAT (nivå 1)') && mail.text.includes(body.lastName);
    await product.mailbox.waitFor((mail) => isEscalation(mail) && product.mailbox.addressedTo(mail, product.coordinators.are.email));
    await product.mailbox.waitFor((mail) => isEscalation(mail) && product.mailbox.addressedTo(mail, product.coordinators.region.email));
    // Ten working days have passed too, so administrators hear of it as well.
    await product.mailbox.waitFor(
      (mail) => mail.subject.includes('nivå 2') && mail.text.includes(body.lastName) && product.mailbox.addressedTo(mail, product.coordinators.admin.email),
    );

    const view = await eventually(
      () => product.request('GET', `/api/v1/cases/${intake.body.caseId}`, { token: product.coordinators.are.token }),
      (response) => response.body.overdue === true && response.body.escalationLevel === 2,
      { what: 'case overdue' },
    );
    expect(view.body.status).toBe('awaiting-reply');
    const overdueList = await product.request('GET', '/api/v1/cases?overdue=true&unit=are', { token: product.coordinators.are.token });
    expect(overdueList.body.items.map((item: { id: string }) => item.id)).toContain(intake.body.caseId);

    const found = await eventually(
      async () => {
        const ids: string[] = [];
        for await (const execution of product.temporal.workflow.list({
          query: `Unit = 'are' AND Overdue = true AND TaskQueue = '${product.taskQueue}'`,
        })) {
          ids.push(execution.workflowId);
        }
        return ids;
      },
      (ids) => ids.includes(intake.body.workflowId),
      { what: 'search attribute query finds the overdue case' },
    );
    expect(found).toContain(intake.body.workflowId);

    // A late reply ends the overdue state and is recorded as late.
    const late = await logActivity(intake.body.contactId, { type: 'email', direction: 'outbound', summary: 'Förlåt dröjsmålet' });
    expect(late.body.cases[0]).toMatchObject({ slaOutcome: 'late', overdue: false, status: 'replied' });
    const row = await product.db.case.findUniqueOrThrow({ where: { id: intake.body.caseId } });
    expect(row).toMatchObject({ slaOutcome: 'late', overdue: false, escalationLevel: 2 });
    expect(row.breachRecordedAt).not.toBeNull();
  });

  it('transfers a case to another unit, notifies it and keeps the SLA clock', async () => {
    const intake = await product.intake(intakeBody({ municipalities: ['are'] }));
    const transfer = await product.request('POST', `/api/v1/cases/${intake.body.caseId}/transfer`, {
      body: { to: 'krokom', note: 'Personen vill hellre bo i Krokom' },
      token: product.coordinators.are.token,
    });
    expect(transfer.status).toBe(200);
    expect(transfer.body).toMatchObject({ unit: 'krokom', firstReplyDueAt: intake.body.firstReplyDueAt });
    expect(transfer.body.transfers).toEqual([
      expect.objectContaining({ fromUnit: 'are', toUnit: 'krokom', note: 'Personen vill hellre bo i Krokom' }),
    ]);
    const [mail] = await product.mailbox.waitFor(
      (email) => product.mailbox.addressedTo(email, product.coordinators.krokom.email) && email.subject.includes('Överlämnat'),
    );
    expect(mail!.text).toContain('Personen vill hellre bo i Krokom');
    const description = await eventually(
      () => product.temporal.workflow.getHandle(intake.body.workflowId).describe(),
      (d) => d.typedSearchAttributes.getAll().some((pair) => pair.key.name === 'Unit' && pair.value === 'krokom'),
      { what: 'Unit search attribute updated' },
    );
    expect(description.status.name).toBe('RUNNING');

    const same = await product.request('POST', `/api/v1/cases/${intake.body.caseId}/transfer`, {
      body: { to: 'krokom', note: 'igen' },
      token: product.coordinators.are.token,
    });
    expect(same.status).toBe(409);
    const bad = await product.request('POST', `/api/v1/cases/${intake.body.caseId}/transfer`, {
      body: { to: 'stockholm', note: 'x' },
      token: product.coordinators.are.token,
    });
    expect(bad.status).toBe(422);
  });

  it('closes a case: the workflow completes and the contact card keeps the dialog', async () => {
    const intake = await product.intake(intakeBody());
    await logActivity(intake.body.contactId, { type: 'note', summary: 'Anteckning' });
    const closed = await product.request('POST', `/api/v1/cases/${intake.body.caseId}/close`, {
      body: { note: 'Inget mer att göra' },
      token: product.coordinators.are.token,
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    const handle = product.temporal.workflow.getHandle(intake.body.workflowId);
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'closed' });
    expect((await handle.describe()).status.name).toBe('COMPLETED');

    const again = await product.request('POST', `/api/v1/cases/${intake.body.caseId}/close`, { token: product.coordinators.are.token });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('closed');
    const card = await product.request('GET', `/api/v1/contacts/${intake.body.contactId}`, { token: product.coordinators.are.token });
    expect(card.body.activities.map((a: { summary: string }) => a.summary)).toEqual(['Inget mer att göra', 'Anteckning']);
  });

  it('keeps personal data out of workflow histories, and a recorded history replays against the current code', async () => {
    const body = intakeBody({ message: 'Hemligt meddelande om familjen Ekström', phone: '+46705550123' });
    const intake = await product.intake(body);
    await logActivity(intake.body.contactId, { type: 'email', direction: 'outbound', summary: 'Svar med personlig information' });
    await product.request('POST', `/api/v1/cases/${intake.body.caseId}/transfer`, {
      body: { to: 'berg', note: 'Notering om Ekström' },
      token: product.coordinators.are.token,
    });
    await product.request('POST', `/api/v1/cases/${intake.body.caseId}/close`, { token: product.coordinators.berg.token });
    const handle = product.temporal.workflow.getHandle(intake.body.workflowId);
    await handle.result();

    const history = await handle.fetchHistory();
    const serialized = JSON.stringify(history, (_key, value) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value,
    );
    for (const personal of [body.firstName, body.lastName, body.email, body.phone, '705550123', 'Ekström', 'Hemligt', 'personlig']) {
      expect(serialized).not.toContain(personal);
    }
    expect(serialized).toContain(intake.body.caseId);

    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('harness').workflowBundlePath } }, history, intake.body.workflowId);
  });

  it('lets every coordinator read every contact and case, and refuses anonymous callers', async () => {
    const intake = await product.intake(intakeBody({ municipalities: ['are'] }));
    const otherMunicipality = await product.request('GET', `/api/v1/cases/${intake.body.caseId}`, { token: product.coordinators.berg.token });
    expect(otherMunicipality.status).toBe(200);
    const anonymous = await product.request('GET', `/api/v1/cases/${intake.body.caseId}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    const missing = await product.request('GET', '/api/v1/contacts/00000000-0000-4000-8000-000000000000', { token: product.coordinators.berg.token });
    expect(missing.status).toBe(404);
    const notUuid = await product.request('GET', '/api/v1/contacts/not-a-uuid', { token: product.coordinators.berg.token });
    expect(notUuid.status).toBe(422);
  });

  it('finds contacts by name, email and phone text, municipality and move status', async () => {
    const body = intakeBody({ lastName: 'Zetterlund-Unik', municipalities: ['ragunda'], phone: '+46705551234' });
    const intake = await product.intake(body);
    const token = product.coordinators.region.token;
    const search = async (query: string) =>
      (await product.request('GET', `/api/v1/contacts?${query}`, { token })).body.items.map((item: { id: string }) => item.id);
    expect(await search('q=zetterlund')).toEqual([intake.body.contactId]);
    expect(await search(`q=${encodeURIComponent(body.email)}`)).toEqual([intake.body.contactId]);
    expect(await search('q=070-555 12 34')).toEqual([intake.body.contactId]);
    expect(await search('municipality=ragunda&moveStatus=considering')).toContain(intake.body.contactId);
    expect(await search('municipality=ragunda&moveStatus=moved')).not.toContain(intake.body.contactId);
    const page = await product.request('GET', '/api/v1/contacts?pageSize=1&page=1', { token });
    expect(page.body).toMatchObject({ page: 1, pageSize: 1, total: expect.any(Number) });
    expect(page.body.items).toHaveLength(1);
    const badQuery = await product.request('GET', '/api/v1/contacts?pageSize=100000', { token });
    expect(badQuery.status).toBe(422);
  });
});
