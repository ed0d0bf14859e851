// Custom search attributes of case workflows, so operators can filter cases in the
// Temporal Web UI (e.g. `Unit = "are" AND Overdue = true`). Codes and times only:
// personal data never goes here (MISSION.md §4).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const UNIT = defineSearchAttributeKey('Unit', SearchAttributeType.KEYWORD);
export const CASE_STATUS = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
export const FIRST_REPLY_DUE_AT = defineSearchAttributeKey('FirstReplyDueAt', SearchAttributeType.DATETIME);
export const OVERDUE = defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL);
export const INTAKE_SOURCE = defineSearchAttributeKey('IntakeSource', SearchAttributeType.KEYWORD);
export const ESCALATION_LEVEL = defineSearchAttributeKey('EscalationLevel', SearchAttributeType.INT);

export const CASE_SEARCH_ATTRIBUTES = [UNIT, CASE_STATUS, FIRST_REPLY_DUE_AT, OVERDUE, INTAKE_SOURCE, ESCALATION_LEVEL];
