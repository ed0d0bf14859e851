// Run by the newsletter-expiry schedule: unconfirmed subscription requests older than the
// configured time are deleted (counts only in the history).
import { proxyActivities } from '@temporalio/workflow';
import type { createNewsletterExpiryActivities } from '../activities/newsletter-expiry.js';
import type { NewsletterExpiryInput } from './maintenance-definitions.js';

const { expireUnconfirmedSubscriptions } = proxyActivities<ReturnType<typeof createNewsletterExpiryActivities>>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

export async function newsletterExpiryWorkflow(input: NewsletterExpiryInput) {
  return expireUnconfirmedSubscriptions(input);
}
