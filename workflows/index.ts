export { caseWorkflow } from './case-workflow.js';
export { moveStatusReviewWorkflow } from './review-workflow.js';
export { retentionWorkflow } from './retention-workflow.js';
