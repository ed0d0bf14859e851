// Messages of the case workflow, defined once and imported by the workflow and the API.
// They carry ids, codes and times only: personal data stays in PostgreSQL.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseStatus, SlaOutcome } from '../domain/codes.js';
import type { UnitCode } from '../domain/units.js';

export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

export interface CaseWorkflowInput {
  caseId: string;
}

export interface CaseState {
  caseId: string;
  unit: UnitCode;
  status: CaseStatus;
  slaOutcome: SlaOutcome;
  overdue: boolean;
  escalationLevel: number;
  receivedAt: string;
  firstReplyDueAt: string;
  reminderAt: string;
  secondEscalationAt: string;
  reminderSentAt: string | null;
  firstReplyAt: string | null;
  closedAt: string | null;
}

export interface FirstReplyInput {
  activityId: string;
  /** When the reply happened (ISO-8601), as logged by the coordinator. */
  repliedAt: string;
}

export interface TransferInput {
  transferId: string;
  toUnit: UnitCode;
}

export interface CloseInput {
  closedById: string;
}

export type CaseWorkflowResult = CaseState | { caseId: string; abandoned: true };

export const recordFirstReplyUpdate = defineUpdate<CaseState, [FirstReplyInput]>('recordFirstReply');
export const transferCaseUpdate = defineUpdate<CaseState, [TransferInput]>('transferCase');
export const closeCaseUpdate = defineUpdate<CaseState, [CloseInput]>('closeCase');
export const caseStateQuery = defineQuery<CaseState>('caseState');
