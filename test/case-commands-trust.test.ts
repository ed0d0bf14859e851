// Issue 12 at the coordinators' commands: transfers that are refused leave nothing, a close
// with an invalid note does not happen, dates are bounded before anything is written, and
// a campaign that cannot start fails visibly and can still be cancelled.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseStateQuery } from '../workflows/definitions.js';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({ name: 'commands-trust' });
});
afterAll(async () => {
  await product?.close();
});

const asCoordinator = () => ({ token: product.coordinators.are.token });
// Campaigns and saved selections are changed by administrators only.
const asAdmin = () => ({ token: product.coordinators.admin.token });
const newCase = async () => {
  const intake = await product.intake(intakeBody({ municipalities: ['are'] }));
  expect(intake.status).toBe(202);
  return intake.body as { caseId: string; contactId: string; workflowId: string };
};

async function rowCounts() {
  const [contacts, activities, campaigns, selections, transfers] = await Promise.all([
    product.db.contact.count(),
    product.db.activity.count(),
    product.db.campaign.count(),
    product.db.savedSelection.count(),
    product.db.caseTransfer.count(),
  ]);
  return { contacts, activities, campaigns, selections, transfers };
}

describe('transfers (item 7)', () => {
  it('writes one transfer record for five concurrent transfers of which one succeeds', async () => {
    const { caseId } = await newCase();
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        product.request('POST', `/api/v1/cases/${caseId}/transfer`, { ...asCoordinator(), body: { to: 'krokom', note: `Flytt ${index}` } }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(await product.db.caseTransfer.count({ where: { caseId } })).toBe(1);
    const view = await product.request('GET', `/api/v1/cases/${caseId}`, asCoordinator());
    expect(view.body.unit).toBe('krokom');
    expect(view.body.transfers).toHaveLength(1);
  });

  it('leaves nothing behind when a transfer is refused because the case is closed', async () => {
    const { caseId } = await newCase();
    expect((await product.request('POST', `/api/v1/cases/${caseId}/close`, asCoordinator())).status).toBe(200);
    const refused = await product.request('POST', `/api/v1/cases/${caseId}/transfer`, { ...asCoordinator(), body: { to: 'berg', note: 'För sent' } });
    expect(refused.status).toBe(409);
    expect(await product.db.caseTransfer.count({ where: { caseId } })).toBe(0);
    expect((await product.request('GET', `/api/v1/cases/${caseId}`, asCoordinator())).body.transfers).toEqual([]);
  });

  it('keeps exactly one record per accepted transfer when transfers race a close', async () => {
    const { caseId } = await newCase();
    const [closed, ...transfers] = await Promise.all([
      product.request('POST', `/api/v1/cases/${caseId}/close`, asCoordinator()),
      ...(['krokom', 'berg', 'ragunda', 'krokom'] as const).map((to) =>
        product.request('POST', `/api/v1/cases/${caseId}/transfer`, { ...asCoordinator(), body: { to, note: `Till ${to}` } }),
      ),
    ]);
    expect(closed!.status).toBe(200);
    for (const transfer of transfers) expect([200, 409]).toContain(transfer.status);
    const accepted = transfers.filter((transfer) => transfer.status === 200).length;
    expect(await product.db.caseTransfer.count({ where: { caseId } })).toBe(accepted);
  });
});

describe('closing with an invalid note (item 8)', () => {
  it('answers 422 and does not close the case', async () => {
    const { caseId, workflowId } = await newCase();
    const response = await fetch(`${product.baseUrl}/api/v1/cases/${caseId}/close`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${product.coordinators.are.token}` },
      body: '{"note":"Avslutad \\ud800"}',
    });
    expect(response.status).toBe(422);
    expect((await product.db.case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe('awaiting-reply');
    const live = await eventually(() => product.temporal.workflow.getHandle(workflowId).query(caseStateQuery), () => true);
    expect(live.status).toBe('awaiting-reply');
    expect(await product.db.activity.count({ where: { caseId, type: 'note' } })).toBe(0);
  });
});

describe('dates out of range (items 9, 18)', () => {
  it.each([
    ['a move in year one', { moveStatus: 'moved', municipality: 'are', movedOn: '0001-01-01' }],
    ['a move in the future', { moveStatus: 'moved', municipality: 'are', movedOn: '2999-01-01' }],
  ])('refuses %s with 422', async (_case, body) => {
    const { contactId } = await newCase();
    const response = await product.request('PATCH', `/api/v1/contacts/${contactId}/move-status`, { ...asCoordinator(), body });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain('movedOn');
    expect((await product.db.contact.findUniqueOrThrow({ where: { id: contactId } })).moveStatus).toBe('considering');
  });

  it('refuses selection filters with year-0000 dates before writing anything', async () => {
    const before = await rowCounts();
    const filter = { receivedBetween: { from: '0000-01-01', to: '0001-12-31' } };
    const preview = await product.request('POST', '/api/v1/selections/preview', { ...asCoordinator(), body: { filter } });
    const saved = await product.request('POST', '/api/v1/selections', { ...asAdmin(), body: { name: `Forntid ${product.tag}`, filter } });
    const campaign = await product.request('POST', '/api/v1/campaigns', {
      ...asAdmin(),
      body: { kind: 'newsletter', title: 'Forntid', text: { sv: 'Hej' }, filter: { not: filter } },
    });
    for (const response of [preview, saved, campaign]) {
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an invitation on 9999-12-31 and one in the past, and writes nothing', async () => {
    const before = await rowCounts();
    for (const at of ['9999-12-31T18:00:00+01:00', '2020-01-01T18:00:00+01:00']) {
      const response = await product.request('POST', '/api/v1/campaigns', {
        ...asAdmin(),
        body: { kind: 'invitation', title: 'Träff', text: { sv: 'Välkommen' }, event: { at, place: 'Östersund' }, filter: { municipalities: ['are'] } },
      });
      expect(response.status).toBe(422);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain('event.at');
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe('a campaign that cannot start (item 9)', () => {
  it('shows "failed" instead of retrying for ever, and can then be cancelled', async () => {
    // A row saved before dates were bounded: its filter cannot be evaluated.
    const id = randomUUID();
    await product.db.campaign.create({
      data: {
        id,
        kind: 'newsletter',
        title: 'Gammalt utskick',
        textSv: 'Hej',
        filter: { receivedBetween: { from: '0000-01-01', to: '0001-01-01' } },
        createdById: product.coordinators.are.id,
      },
    });
    const started = await product.request('POST', `/api/v1/campaigns/${id}/start`, asAdmin());
    expect(started.status).toBe(202);
    const failed = await eventually(
      () => product.request('GET', `/api/v1/campaigns/${id}`, asCoordinator()),
      (view) => view.body.status === 'failed',
      { what: 'the campaign to show failed', timeoutMs: 60_000 },
    );
    expect(failed.body.progress).toMatchObject({ sent: 0 });
    // The workflow ends right after recording the failure: nothing keeps retrying.
    await eventually(
      () => product.temporal.workflow.getHandle(failed.body.workflowId).describe(),
      (workflow) => workflow.status.name === 'COMPLETED',
      { what: 'the campaign workflow to end' },
    );

    const cancelled = await product.request('POST', `/api/v1/campaigns/${id}/cancel`, asAdmin());
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('can be cancelled as a draft, and cancelling again answers the same', async () => {
    const created = await product.request('POST', '/api/v1/campaigns', {
      ...asAdmin(),
      body: { kind: 'newsletter', title: 'Utkast', text: { sv: 'Hej' }, filter: { municipalities: ['are'] } },
    });
    expect(created.status).toBe(201);
    const first = await product.request('POST', `/api/v1/campaigns/${created.body.id}/cancel`, asAdmin());
    const again = await product.request('POST', `/api/v1/campaigns/${created.body.id}/cancel`, asAdmin());
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body.status).toBe('cancelled');
    const start = await product.request('POST', `/api/v1/campaigns/${created.body.id}/start`, asAdmin());
    expect(start.status).toBe(409);
  });
});
