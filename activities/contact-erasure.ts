// Removing a person from the register, used by retention and by erasure on request.
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

/** Deletes the contact cards and everything that belongs to them, in the caller's transaction. */
export async function deleteContactCards(tx: Prisma.TransactionClient, contactIds: string[]): Promise<void> {
  const cases = await tx.case.findMany({ where: { contactId: { in: contactIds } }, select: { id: true } });
  await tx.emailDelivery.deleteMany({ where: { caseId: { in: cases.map((row) => row.id) } } });
  // Cases, activities, transfers, review items and campaign recipients go with the contact (ON DELETE CASCADE).
  await tx.contact.deleteMany({ where: { id: { in: contactIds } } });
}
