// Double opt-in (MISSION.md §6): a subscription becomes active only when the person
// follows the confirmation link; consent time and source are kept on the card.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { lockUntilTransactionEnds } from '../../platform/advisory-lock.js';
import type { Database } from '../../platform/database.js';
import type { Prisma } from '../../prisma/generated/client.js';
import { CONFIRMATION_WORKFLOW_TYPE } from '../../workflows/newsletter-definitions.js';

export interface SubscriptionDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  workflowIdPrefix: string;
}

const newToken = () => randomBytes(24).toString('base64url');

/** Marks the contact pending (unless already subscribed) and has the confirmation email sent. */
export async function requestSubscription(
  deps: SubscriptionDeps,
  tx: Prisma.TransactionClient | Database,
  contact: { id: string; newsletterStatus: string; newsletterToken: string | null },
  consentSource: string,
): Promise<void> {
  if (contact.newsletterStatus === 'subscribed') return;
  const token = contact.newsletterStatus === 'pending' && contact.newsletterToken ? contact.newsletterToken : newToken();
  await tx.contact.update({
    where: { id: contact.id },
    data: { newsletterStatus: 'pending', newsletterToken: token, newsletterConsentSource: consentSource },
  });
  await deps.temporal.workflow.start(CONFIRMATION_WORKFLOW_TYPE, {
    taskQueue: deps.taskQueue,
    // One confirmation email per token, however often the form is sent.
    workflowId: `${deps.workflowIdPrefix}newsletter-confirmation-${contact.id}-${token.slice(0, 8)}`,
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    args: [{ contactId: contact.id }],
  }).catch((error: Error) => {
    if (error.name !== 'WorkflowExecutionAlreadyStartedError') throw error;
  });
}

/** The public subscribe form: finds the person by email or creates a newsletter-only card. */
export async function subscribeByEmail(
  deps: SubscriptionDeps,
  input: { email: string; firstName?: string; lastName?: string; language: 'sv' | 'en'; municipalities: string[]; interests: string[] },
) {
  await deps.db.$transaction(async (tx) => {
    await lockUntilTransactionEnds(tx, `contact:email:${input.email}`);
    const now = new Date();
    const contact =
      (await tx.contact.findUnique({ where: { email: input.email } })) ??
      (await tx.contact.create({
        data: {
          id: randomUUID(),
          firstName: input.firstName ?? '',
          lastName: input.lastName ?? '',
          email: input.email,
          preferredContactMethod: 'email',
          chosenMunicipalities: input.municipalities,
          interests: input.interests,
          language: input.language,
          consentAt: now,
          consentSource: 'newsletter-form',
          lastActivityAt: now,
        },
      }));
    await requestSubscription(deps, tx, contact, 'newsletter-form');
  });
}
