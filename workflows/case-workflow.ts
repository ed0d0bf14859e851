// One durable workflow per incoming contact (MISSION.md §4): notify, wait for the first
// reply, remind, escalate twice, keep waiting, end on close. Orchestration only: every
// read, write and email happens in an activity.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createCaseActivities } from '../activities/case-activities.js';
import { isUnitCode } from '../domain/units.js';
import {
  caseStateQuery,
  closeCaseUpdate,
  recordFirstReplyUpdate,
  transferCaseUpdate,
  type CaseState,
  type CaseWorkflowInput,
  type CaseWorkflowResult,
} from './definitions.js';
import { CASE_STATUS, ESCALATION_LEVEL, FIRST_REPLY_DUE_AT, OVERDUE, UNIT } from './search-attributes.js';

type CaseActivities = ReturnType<typeof createCaseActivities>;

const caseActivities = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// The API starts the workflow just before it commits the case row; if that commit fails
// the row never appears, and after these attempts the workflow gives up.
const { loadCasePlan } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds', maximumAttempts: 12 },
});

/** True when `done` holds before `deadline`; a deadline already past is checked at once. */
async function holdsBefore(done: () => boolean, deadline: string): Promise<boolean> {
  const timeLeft = Date.parse(deadline) - Date.now();
  if (timeLeft <= 0) return done();
  return condition(done, timeLeft);
}

const rejected = (message: string) => ApplicationFailure.nonRetryable(message, 'CaseCommandRejected');

export async function caseWorkflow({ caseId }: CaseWorkflowInput): Promise<CaseWorkflowResult> {
  let state: CaseState | undefined;
  // Updates can arrive right after the start, before the plan is loaded: handlers are
  // registered first and wait for the state.
  const loadedState = async (): Promise<CaseState> => {
    await condition(() => state !== undefined);
    return state!;
  };
  const replied = () => state?.firstReplyAt != null;
  const closed = () => state?.status === 'closed';
  const answeredOrClosed = () => replied() || closed();

  const publishSearchAttributes = (current: CaseState) =>
    upsertSearchAttributes([
      { key: UNIT, value: current.unit },
      { key: CASE_STATUS, value: current.status },
      { key: FIRST_REPLY_DUE_AT, value: new Date(current.firstReplyDueAt) },
      { key: OVERDUE, value: current.overdue },
      { key: ESCALATION_LEVEL, value: current.escalationLevel },
    ]);

  setHandler(caseStateQuery, () => {
    if (!state) throw rejected('The case is still loading');
    return state;
  });

  setHandler(
    recordFirstReplyUpdate,
    async ({ activityId, repliedAt }) => {
      const current = await loadedState();
      if (answeredOrClosed()) return current;
      const outcome = Date.parse(repliedAt) <= Date.parse(current.firstReplyDueAt) ? 'met' : 'late';
      // Set before awaiting, so the waiting timers see the reply at once.
      current.firstReplyAt = repliedAt;
      current.slaOutcome = outcome;
      current.status = 'replied';
      current.overdue = false;
      await caseActivities.recordFirstReply({ caseId, activityId, repliedAt, slaOutcome: outcome });
      publishSearchAttributes(current);
      return current;
    },
    {
      validator: ({ activityId, repliedAt }) => {
        if (!activityId || Number.isNaN(Date.parse(repliedAt))) {
          throw rejected('recordFirstReply needs an activity id and an ISO time');
        }
      },
    },
  );

  setHandler(
    transferCaseUpdate,
    async ({ transferId, toUnit }) => {
      const current = await loadedState();
      if (closed()) throw rejected('The case is closed');
      if (toUnit === current.unit) throw rejected(`The case is already with ${toUnit}`);
      const fromUnit = current.unit;
      current.unit = toUnit;
      publishSearchAttributes(current);
      await caseActivities.notifyCaseTransferred({ caseId, transferId, fromUnit, toUnit });
      return current;
    },
    {
      // Refused here, a transfer that cannot happen never reaches the history.
      validator: ({ transferId, toUnit }) => {
        if (!transferId || !isUnitCode(toUnit)) throw rejected('transferCase needs a transfer id and a known unit');
        if (closed()) throw rejected('The case is closed');
        if (state && toUnit === state.unit) throw rejected(`The case is already with ${toUnit}`);
      },
    },
  );

  setHandler(
    closeCaseUpdate,
    async ({ closedById }) => {
      const current = await loadedState();
      if (closed()) return current;
      const closedAt = new Date().toISOString();
      current.status = 'closed';
      current.closedAt = closedAt;
      current.overdue = false;
      await caseActivities.recordCaseClosed({ caseId, closedById, closedAt });
      publishSearchAttributes(current);
      return current;
    },
    {
      validator: ({ closedById }) => {
        if (!closedById) throw rejected('closeCase needs the closing coordinator');
      },
    },
  );

  try {
    state = await loadCasePlan({ caseId });
  } catch (error) {
    if (error instanceof ActivityFailure) return { caseId, abandoned: true };
    throw error;
  }
  const current = state;
  publishSearchAttributes(current);

  // The unit hears of every new contact, even one a colleague answered within seconds.
  if (current.escalationLevel === 0 && !closed()) {
    await caseActivities.notifyCaseAssigned({ caseId, unit: current.unit });
    // Issue 15: the person's receipt. Histories recorded before it replay without it.
    if (patched('intake-receipt')) await caseActivities.sendIntakeReceipt({ caseId });
  }

  // A worker under a backlog can reach this point after reminderAt, even after the
  // deadline: the unit is still owed its reminder (the escalation goes to others), so it
  // is sent late, before the escalation. Only a case whose deadline had passed before its
  // workflow started (a back-dated import) gets no reminder: the escalation says it all.
  // Histories recorded before these rules replay as they ran: each patch marker is only
  // written when its rule changes what happens (a reminder late, or past the deadline).
  const dueAt = Date.parse(current.firstReplyDueAt);
  if (
    !current.reminderSentAt &&
    current.escalationLevel === 0 &&
    !answeredOrClosed() &&
    (dueAt > Date.now() || (dueAt > workflowInfo().startTime.getTime() && patched('reminder-after-deadline'))) &&
    (Date.parse(current.reminderAt) > Date.now() || patched('late-reminder')) &&
    !(await holdsBefore(answeredOrClosed, current.reminderAt))
  ) {
    current.reminderSentAt = await caseActivities.sendFirstReplyReminder({ caseId, unit: current.unit });
  }

  const escalate = async (level: 1 | 2) => {
    await caseActivities.escalateOverdueCase({ caseId, unit: current.unit, level });
    current.escalationLevel = level;
    current.overdue = !answeredOrClosed();
    publishSearchAttributes(current);
  };
  if (current.escalationLevel < 1 && !(await holdsBefore(answeredOrClosed, current.firstReplyDueAt))) {
    await escalate(1);
  }
  if (current.escalationLevel === 1 && !(await holdsBefore(answeredOrClosed, current.secondEscalationAt))) {
    await escalate(2);
  }

  // MISSION.md §4.5: keep waiting; a late reply ends the overdue state. The case then
  // stays open for dialog until a coordinator closes it.
  await condition(closed);
  await condition(allHandlersFinished);
  return current;
}
