// Double opt-in (MISSION.md §6): a subscription becomes active only when the person
// follows the confirmation link; consent time and source are kept on the card.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { lockUntilTransactionEnds } from '../../platform/advisory-lock.js';
import type { Database } from '../../platform/database.js';
import type { Prisma } from '../../prisma/generated/client.js';
import { CONFIRMATION_WORKFLOW_TYPE } from '../../workflows/newsletter-definitions.js';
import { withinTemporalDeadline } from './temporal-deadline.js';

export interface SubscriptionDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  workflowIdPrefix: string;
}

const newToken = () => randomBytes(24).toString('base64url');

/**
 * One confirmation workflow per token, named by a digest: the Web UI shows workflow ids
 * to every operator, and no part of the secret may appear there (issue 12).
 */
export function confirmationWorkflowId(prefix: string, contactId: string, token: string): string {
  const digest = createHash('sha256').update(`newsletter-confirmation\n${token}`).digest('hex').slice(0, 16);
  return `${prefix}newsletter-confirmation-${contactId}-${digest}`;
}

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
    // A repeated request restarts the expiry clock; the link stays the same.
    data: { newsletterStatus: 'pending', newsletterToken: token, newsletterConsentSource: consentSource, newsletterRequestedAt: new Date() },
  });
  await withinTemporalDeadline(deps.temporal, () => deps.temporal.workflow.start(CONFIRMATION_WORKFLOW_TYPE, {
    taskQueue: deps.taskQueue,
    // One confirmation email per token, however often the form is sent.
    workflowId: confirmationWorkflowId(deps.workflowIdPrefix, contact.id, token),
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    args: [{ contactId: contact.id }],
  })).catch((error: Error) => {
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
