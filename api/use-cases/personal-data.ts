// MISSION.md §1 and GDPR: a person may ask for their data or its erasure; every read or
// change of a contact card is logged (who, which card, when), with ids only.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Database } from '../../platform/database.js';
import { deleteContactCards, endCaseWorkflows } from '../../activities/contact-erasure.js';
import { notFound } from '../../domain/errors.js';

export type AccessAction = 'read' | 'write' | 'export' | 'erase';

/** `coordinatorId` null: the person themselves, on the "Mina uppgifter" pages. */
export async function logAccess(db: Database, coordinatorId: string | null, contactId: string, action: AccessAction) {
  await db.accessLogEntry.create({ data: { id: randomUUID(), coordinatorId, contactId, action } });
}

/** Everything held about the person, as one JSON document. */
export async function exportContact(db: Database, contactId: string) {
  const contact = await db.contact.findUnique({
    where: { id: contactId },
    include: {
      cases: { include: { transfers: true } },
      activities: { orderBy: { occurredAt: 'asc' } },
      reviewItems: true,
      campaignRecipients: { include: { campaign: { select: { title: true, kind: true } } } },
    },
  });
  if (!contact) throw notFound('Contact');
  const caseIds = contact.cases.map((row) => row.id);
  const [emailsAboutCases, capturedEmails] = await Promise.all([
    db.emailDelivery.findMany({ where: { caseId: { in: caseIds } } }),
    contact.email
      ? db.inboundEmail.findMany({ where: { OR: [{ fromAddress: contact.email }, { partyAddresses: { has: contact.email } }] } })
      : Promise.resolve([]),
  ]);
  const { newsletterToken: _token, ...card } = contact;
  return { exportedAt: new Date().toISOString(), contact: card, emailsSentAboutCases: emailsAboutCases, capturedEmailsFromThePerson: capturedEmails };
}

export const ERASURE_REASONS = ['request-by-person', 'duplicate', 'entered-by-mistake', 'other'] as const;

export async function eraseContact(
  deps: { db: Database; temporal: Client },
  /** `erasedById` null: the person asked themselves ("Mina uppgifter"). */
  input: { contactId: string; reason: (typeof ERASURE_REASONS)[number]; erasedById: string | null },
) {
  const contact = await deps.db.contact.findUnique({
    where: { id: input.contactId },
    select: { id: true, cases: { where: { status: { not: 'closed' } }, select: { workflowId: true } } },
  });
  if (!contact) throw notFound('Contact');
  await endCaseWorkflows(deps.temporal, contact.cases.map((row) => row.workflowId), 'erased on request');
  const counts = await deps.db.$transaction(async (tx) => {
    const [cases, activities] = await Promise.all([
      tx.case.count({ where: { contactId: contact.id } }),
      tx.activity.count({ where: { contactId: contact.id } }),
    ]);
    const removed = await deleteContactCards(tx, [contact.id]);
    await tx.auditRecord.create({
      data: {
        id: randomUUID(),
        kind: 'erasure',
        subjectId: contact.id,
        actorId: input.erasedById,
        // Counts only: the record must not bring back what was erased.
        details: { reason: input.reason, cases, activities, ...removed },
      },
    });
    await tx.accessLogEntry.create({ data: { id: randomUUID(), coordinatorId: input.erasedById, contactId: contact.id, action: 'erase' } });
    return { cases, activities };
  });
  return { contactId: contact.id, erased: true, ...counts };
}
