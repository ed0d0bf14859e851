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
  proxyLocalActivities,
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

const RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;
const caseActivities = proxyActivities<CaseActivities>({ startToCloseTimeout: '1 minute', retry: RETRY });

// The API starts the workflow just before it commits the case row; if that commit fails
// the row never appears, and after these attempts the workflow gives up.
const PLAN_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds', maximumAttempts: 12 },
} as const;
const { loadCasePlan } = proxyActivities<CaseActivities>(PLAN_OPTIONS);

// The steps every case takes (its plan, its first emails, its reminder and escalations)
// run as local activities: inside the workflow task that decides them, with no activity
// task for the Temporal server to schedule, dispatch and record. A new case reaches its
// timers in one workflow task instead of four plus three activity tasks, and a deadline's
// emails leave in the task its timer wakes; on one dev server those tasks were the
// bottleneck (bench/results/intake.md, deadline-burst.md). They are as idempotent as
// before: a task that fails after an email runs it again, and the delivery record says it
// went. While a local activity runs or waits to retry, the workflow task stays open and a
// coordinator's update waits for it: past a short pause between attempts (the SMTP server
// is down, say), the wait is a workflow timer instead, and the task is free.
const LOCAL_RETRY_THRESHOLD = '500 milliseconds';
const localCaseActivities = proxyLocalActivities<CaseActivities>({ startToCloseTimeout: '1 minute', retry: RETRY, localRetryThreshold: LOCAL_RETRY_THRESHOLD });
const { loadCasePlan: loadCasePlanLocally } = proxyLocalActivities<CaseActivities>({ ...PLAN_OPTIONS, localRetryThreshold: LOCAL_RETRY_THRESHOLD });

/** True when `done` holds before `deadline`; a deadline already past is checked at once. */
async function holdsBefore(done: () => boolean, deadline: string): Promise<boolean> {
  const timeLeft = Date.parse(deadline) - Date.now();
  if (timeLeft <= 0) return done();
  return condition(done, timeLeft);
}

const sameSearchAttributeValue = (known: unknown, value: string | number | boolean | Date) =>
  value instanceof Date ? known instanceof Date && known.getTime() === value.getTime() : known === value;

const rejected = (message: string) => ApplicationFailure.nonRetryable(message, 'CaseCommandRejected');

export async function caseWorkflow({ caseId }: CaseWorkflowInput): Promise<CaseWorkflowResult> {
  // Histories recorded before the local activities replay the activity tasks they ran. One
  // patch for a new case (each patch also costs the server a search-attribute write); a
  // case that was already waiting on its timers asks one per step it still takes.
  const startedWithLocalSteps = patched('local-case-steps');
  const stepActivities = (patchId: string) => (startedWithLocalSteps || patched(patchId) ? localCaseActivities : caseActivities);
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

  const publishSearchAttributes = (current: CaseState) => {
    const values = [
      { key: UNIT, value: current.unit },
      { key: CASE_STATUS, value: current.status },
      { key: FIRST_REPLY_DUE_AT, value: new Date(current.firstReplyDueAt) },
      { key: OVERDUE, value: current.overdue },
      { key: ESCALATION_LEVEL, value: current.escalationLevel },
    ];
    // Only what changed is written: the intake's start already set the first values, and
    // an upsert that changes nothing still costs the server a write.
    if (!startedWithLocalSteps) return upsertSearchAttributes(values);
    const known = workflowInfo().typedSearchAttributes;
    const changed = values.filter(({ key, value }) => !sameSearchAttributeValue(known.get(key), value));
    if (changed.length > 0) upsertSearchAttributes(changed);
  };

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
    state = await (startedWithLocalSteps ? loadCasePlanLocally : loadCasePlan)({ caseId });
  } catch (error) {
    if (error instanceof ActivityFailure) return { caseId, abandoned: true };
    throw error;
  }
  const current = state;
  publishSearchAttributes(current);

  // The unit hears of every new contact, even one a colleague answered within seconds.
  if (current.escalationLevel === 0 && !closed()) {
    if (startedWithLocalSteps) {
      // Independent emails to different people: sent side by side.
      await Promise.all([localCaseActivities.notifyCaseAssigned({ caseId, unit: current.unit }), localCaseActivities.sendIntakeReceipt({ caseId })]);
    } else {
      await caseActivities.notifyCaseAssigned({ caseId, unit: current.unit });
      // Issue 15: the person's receipt. Histories recorded before it replay without it.
      if (patched('intake-receipt')) await caseActivities.sendIntakeReceipt({ caseId });
    }
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
    current.reminderSentAt = await stepActivities('local-reminder').sendFirstReplyReminder({ caseId, unit: current.unit });
  }

  const escalate = async (level: 1 | 2) => {
    await stepActivities(`local-escalation-${level}`).escalateOverdueCase({ caseId, unit: current.unit, level });
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
