export { caseWorkflow } from './case-workflow.js';
export { moveStatusReviewWorkflow } from './review-workflow.js';
export { retentionWorkflow } from './retention-workflow.js';
export { newsletterConfirmationWorkflow } from './newsletter-confirmation-workflow.js';
export { campaignWorkflow } from './campaign-workflow.js';
export { newsletterExpiryWorkflow } from './newsletter-expiry-workflow.js';
