// Removing a person from the register, used by retention and by erasure on request.
// Issue 12, item 3: nothing of the person may remain, so beyond the card and what
// cascades from it this also removes the mail about them (captured and sent), stored
// answers that repeat their data, and review-queue mail that names them.
import type { Client } from '@temporalio/client';
import type { Prisma } from '../prisma/generated/client.js';

/** Running case workflows end first, so no timer fires for a case that no longer exists. */
export async function endCaseWorkflows(temporal: Client, workflowIds: string[], reason: string): Promise<void> {
  for (const workflowId of workflowIds) {
    await temporal.workflow
      .getHandle(workflowId)
      .terminate(reason)
      .catch((error: Error) => {
        if (error.name !== 'WorkflowNotFoundError') throw error;
      });
  }
}

export interface ErasedCounts {
  inboundEmails: number;
  emailDeliveries: number;
  storedAnswers: number;
}

/** The stored +46… form and the national 0… form in which people write their own number. */
function phoneSpellings(phone: string | null): string[] {
  if (!phone) return [];
  const national = phone.startsWith('+46') ? `0${phone.slice(3)}` : null;
  return [phone, ...(national ? [national] : [])];
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`);

/** Deletes the contact cards and everything that belongs to them, in the caller's transaction. */
export async function deleteContactCards(tx: Prisma.TransactionClient, contactIds: string[]): Promise<ErasedCounts> {
  const contacts = await tx.contact.findMany({
    where: { id: { in: contactIds } },
    select: { id: true, email: true, phone: true, firstName: true, lastName: true, newsletterToken: true, activities: { select: { id: true } } },
  });
  const cases = await tx.case.findMany({ where: { contactId: { in: contactIds } }, select: { id: true } });
  const emails = contacts.flatMap((contact) => (contact.email ? [contact.email] : []));
  const activityIds = contacts.flatMap((contact) => contact.activities.map((activity) => activity.id));
  // What identifies a person inside free text: the address, the phone number, the full name.
  const mentions = contacts
    .flatMap((contact) => [contact.email ?? '', ...phoneSpellings(contact.phone), `${contact.firstName} ${contact.lastName}`])
    .filter((mention) => mention.trim().length >= 5)
    .map((mention) => `%${escapeLike(mention)}%`);
  const keyFragments = [...contactIds, ...contacts.flatMap((contact) => (contact.newsletterToken ? [contact.newsletterToken] : []))].map(
    (fragment) => `%${escapeLike(fragment)}%`,
  );

  const inboundEmails = await tx.$executeRaw`
    DELETE FROM inbound_emails
    WHERE party_addresses && ${emails}::text[]
       OR from_address = ANY(${emails}::text[])
       OR activity_ids && ${activityIds}::text[]
       OR subject ILIKE ANY(${mentions}::text[])
       OR text ILIKE ANY(${mentions}::text[])`;
  const emailDeliveries = await tx.$executeRaw`
    DELETE FROM email_deliveries
    WHERE case_id = ANY(${cases.map((row) => row.id)}::uuid[])
       OR recipients && ${emails}::text[]
       OR idempotency_key LIKE ANY(${keyFragments}::text[])
       OR subject ILIKE ANY(${mentions}::text[])`;
  // Stored answers of intakes and logged activities repeat the card's ids and texts.
  const storedAnswers = await tx.$executeRaw`
    DELETE FROM idempotency_records
    WHERE scope LIKE ANY(${keyFragments}::text[])
       OR response_body::text LIKE ANY(${keyFragments}::text[])`;
  // Cases, activities, transfers, review items and campaign recipients go with the contact (ON DELETE CASCADE).
  await tx.contact.deleteMany({ where: { id: { in: contactIds } } });
  return { inboundEmails, emailDeliveries, storedAnswers };
}
