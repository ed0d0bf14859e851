// Double opt-in (MISSION.md §6): the confirmation email is sent durably, once.
import { proxyActivities } from '@temporalio/workflow';
import type { createNewsletterActivities } from '../activities/newsletter-activities.js';

const { sendNewsletterConfirmation } = proxyActivities<ReturnType<typeof createNewsletterActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

export async function newsletterConfirmationWorkflow(input: { contactId: string }): Promise<void> {
  await sendNewsletterConfirmation(input);
}
