// Activities of the case workflow. Each is safe to retry: writes are conditional or
// idempotent, and every email has its own idempotency key.
import type { SlaOutcome } from '../domain/codes.js';
import { REGION, type UnitCode } from '../domain/units.js';
import { addWorkingDaysEndOfDay } from '../domain/working-days.js';
import type { CaseState } from '../workflows/definitions.js';
import {
  caseAssignedEmail,
  caseFollowingEmail,
  escalationEmail,
  reminderEmail,
  transferEmail,
  type CaseEmailFacts,
} from './case-emails.js';
import type { Database } from '../platform/database.js';
import type { Mailer } from './mailer.js';
import { intakeReceiptEmail } from './receipt-email.js';
import { coordinatorEmails, escalationRecipients, unitGuideEmails } from './recipients.js';

export interface CaseDeadlines {
  firstReplyDueAt: Date;
  reminderAt: Date;
  secondEscalationAt: Date;
}

/** MISSION.md §4: remind one working day before the deadline, escalate again five working days after it. */
export function deadlinesFromCalendar(receivedAt: Date): CaseDeadlines {
  return {
    firstReplyDueAt: addWorkingDaysEndOfDay(receivedAt, 5),
    reminderAt: addWorkingDaysEndOfDay(receivedAt, 4),
    secondEscalationAt: addWorkingDaysEndOfDay(receivedAt, 10),
  };
}

interface CasePlanRow {
  responsibleUnit: string;
  status: string;
  slaOutcome: string;
  overdue: boolean;
  escalationLevel: number;
  receivedAt: Date;
  firstReplyDueAt: Date;
  firstReplyAt: Date | null;
  closedAt: Date | null;
  reminderSentAt: Date | null;
}

interface CaseEmailRow {
  contactId: string;
  workflowId: string;
  responsibleUnit: string;
  interests: string[];
  chosenMunicipalities: string[];
  message: string | null;
  receivedAt: Date;
  firstReplyDueAt: Date;
  firstName: string;
  lastName: string;
  preferredContactMethod: string;
  email: string | null;
  phone: string | null;
}

/** A case email's idempotency key; the plan reads which of them were sent by it. */
const caseEmailKey = (caseId: string, email: string) => `case:${caseId}:${email}`;

/** Forms the person fills in themselves; a manual entry or an old CRM's import gets no receipt. */
const RECEIPT_SOURCE_KINDS: string[] = ['tasteget', 'municipality-site'];

export interface CaseActivityDeps {
  db: Database;
  mailer: Mailer;
  contactCardUrl: (contactId: string) => string;
  captureAddress?: string;
  /** Links in the person's receipt (the "Mina uppgifter" page) start here. */
  publicBaseUrl?: string;
  /** Where the deadlines come from; tests pass one that answers in seconds. */
  deadlines?: (receivedAt: Date) => CaseDeadlines;
}

export function createCaseActivities(deps: CaseActivityDeps) {
  const { db, mailer } = deps;
  const deadlines = deps.deadlines ?? deadlinesFromCalendar;

  async function emailFacts(caseId: string): Promise<CaseEmailFacts & { contactId: string }> {
    // One statement for the case and its person: every case email reads it, and a deadline
    // burst sends thousands at once.
    const [row] = await db.$queryRaw<Array<CaseEmailRow>>`
      SELECT c.contact_id AS "contactId", c.workflow_id AS "workflowId", c.responsible_unit AS "responsibleUnit",
             c.interests, c.chosen_municipalities AS "chosenMunicipalities", c.message,
             c.received_at AS "receivedAt", c.first_reply_due_at AS "firstReplyDueAt",
             p.first_name AS "firstName", p.last_name AS "lastName",
             p.preferred_contact_method AS "preferredContactMethod", p.email, p.phone
      FROM cases c JOIN contacts p ON p.id = c.contact_id
      WHERE c.id = ${caseId}::uuid`;
    // Gone (erased): the activity fails and its retry policy decides, as before.
    if (!row) throw new Error(`Case ${caseId} not found`);
    return {
      contactId: row.contactId,
      caseNumber: row.workflowId,
      unit: row.responsibleUnit as UnitCode,
      contactName: `${row.firstName} ${row.lastName}`,
      preferredContactMethod: row.preferredContactMethod as 'email' | 'phone',
      email: row.email,
      phone: row.phone,
      interests: row.interests,
      chosenMunicipalities: row.chosenMunicipalities,
      message: row.message,
      receivedAt: row.receivedAt,
      firstReplyDueAt: row.firstReplyDueAt,
      contactCardUrl: deps.contactCardUrl(row.contactId),
      captureAddress: deps.captureAddress,
    };
  }

  async function send(key: string, caseId: string, to: string[], email: { subject: string; text: string }) {
    if (to.length === 0) return undefined;
    return mailer.sendOnce({ idempotencyKey: key, caseId, to, ...email });
  }


  return {
    async loadCasePlan({ caseId }: { caseId: string }): Promise<CaseState> {
      // One round trip: the case row and which of its deadline emails went out. A step
      // counts as taken once its email is recorded as sent, not by the columns it updated
      // first: the plan is read again when the workflow task that ran a step is lost (a
      // worker killed mid-send), and the step must then run again, not be skipped.
      const [row] = await db.$queryRaw<Array<CasePlanRow>>`
        SELECT c.responsible_unit AS "responsibleUnit", c.status, c.sla_outcome AS "slaOutcome", c.overdue,
               CASE WHEN EXISTS (SELECT 1 FROM email_deliveries e WHERE e.idempotency_key = ${caseEmailKey(caseId, 'escalation-2')} AND e.status = 'sent') THEN 2
                    WHEN EXISTS (SELECT 1 FROM email_deliveries e WHERE e.idempotency_key = ${caseEmailKey(caseId, 'escalation-1')} AND e.status = 'sent') THEN 1
                    ELSE 0 END AS "escalationLevel",
               c.received_at AS "receivedAt", c.first_reply_due_at AS "firstReplyDueAt",
               c.first_reply_at AS "firstReplyAt", c.closed_at AS "closedAt", d.sent_at AS "reminderSentAt"
        FROM cases c LEFT JOIN email_deliveries d ON d.idempotency_key = ${caseEmailKey(caseId, 'reminder')}
        WHERE c.id = ${caseId}::uuid`;
      if (!row) {
        // Not committed yet, or never: the workflow's retry policy decides how long to wait.
        throw new Error(`Case ${caseId} not found`);
      }
      const plan = deadlines(row.receivedAt);
      if (plan.firstReplyDueAt.getTime() !== row.firstReplyDueAt.getTime()) {
        await db.case.update({ where: { id: caseId }, data: { firstReplyDueAt: plan.firstReplyDueAt } });
      }
      return {
        caseId,
        unit: row.responsibleUnit as UnitCode,
        status: row.status as CaseState['status'],
        slaOutcome: row.slaOutcome as SlaOutcome,
        overdue: row.overdue,
        escalationLevel: row.escalationLevel,
        receivedAt: row.receivedAt.toISOString(),
        firstReplyDueAt: plan.firstReplyDueAt.toISOString(),
        reminderAt: plan.reminderAt.toISOString(),
        secondEscalationAt: plan.secondEscalationAt.toISOString(),
        reminderSentAt: row.reminderSentAt?.toISOString() ?? null,
        firstReplyAt: row.firstReplyAt?.toISOString() ?? null,
        closedAt: row.closedAt?.toISOString() ?? null,
      };
    },

    async notifyCaseAssigned({ caseId, unit }: { caseId: string; unit: UnitCode }): Promise<void> {
      const facts = await emailFacts(caseId);
      await send(caseEmailKey(caseId, 'assigned'), caseId, await unitGuideEmails(db, unit), caseAssignedEmail(facts));
      if (unit === REGION && facts.chosenMunicipalities.length > 0) {
        const following = await coordinatorEmails(db, {
          units: facts.chosenMunicipalities as UnitCode[],
          roles: ['coordinator', 'regional'],
        });
        await send(caseEmailKey(caseId, 'following'), caseId, following, caseFollowingEmail(facts));
      }
    },

    /**
     * Issue 15: the person's receipt with the promise (unit, channel, due date), for forms
     * people fill in themselves and only when they gave an address. Its key makes it once
     * per case; it is no dialog entry, so it never counts as the first reply.
     */
    async sendIntakeReceipt({ caseId }: { caseId: string }): Promise<void> {
      const row = await db.case.findUnique({ where: { id: caseId }, include: { contact: true } });
      if (!row || !row.contact.email || !RECEIPT_SOURCE_KINDS.includes(row.sourceKind)) return;
      const language = row.contact.language === 'en' ? 'en' : 'sv';
      const email = intakeReceiptEmail({
        language,
        firstName: row.contact.firstName,
        caseNumber: row.number,
        unit: row.responsibleUnit as UnitCode,
        channel: row.contact.preferredContactMethod === 'phone' ? 'phone' : 'email',
        firstReplyDueAt: row.firstReplyDueAt,
        canReplyToAdd: Boolean(deps.captureAddress),
        myDataUrl: `${deps.publicBaseUrl ?? ''}/my-data?lang=${language}`,
      });
      await mailer.sendOnce({ idempotencyKey: caseEmailKey(caseId, 'receipt'), caseId, to: [row.contact.email], replyTo: deps.captureAddress, ...email });
    },

    async sendFirstReplyReminder({ caseId, unit }: { caseId: string; unit: UnitCode }): Promise<string> {
      const facts = await emailFacts(caseId);
      await send(caseEmailKey(caseId, 'reminder'), caseId, await unitGuideEmails(db, unit), reminderEmail(facts));
      return new Date().toISOString();
    },

    async escalateOverdueCase({ caseId, unit, level }: { caseId: string; unit: UnitCode; level: 1 | 2 }) {
      // One statement; conditional, so a reply that raced the timer is never overwritten,
      // and the breach keeps the moment it was first recorded.
      const now = new Date();
      await db.$executeRaw`
        UPDATE cases SET
          overdue = CASE WHEN still_open THEN true ELSE overdue END,
          escalation_level = CASE WHEN still_open THEN ${level} ELSE escalation_level END,
          breach_recorded_at = coalesce(breach_recorded_at, ${now}),
          updated_at = CASE WHEN still_open OR breach_recorded_at IS NULL THEN ${now} ELSE updated_at END
        FROM (SELECT first_reply_at IS NULL AND status <> 'closed' AS still_open FROM cases WHERE id = ${caseId}::uuid) AS before_update
        WHERE id = ${caseId}::uuid`;
      const facts = await emailFacts(caseId);
      const recipients = await escalationRecipients(db, unit, level);
      await send(caseEmailKey(caseId, `escalation-${level}`), caseId, recipients, escalationEmail(facts, level));
    },

    async recordFirstReply(input: { caseId: string; activityId: string; repliedAt: string; slaOutcome: SlaOutcome }) {
      await db.case.updateMany({
        where: { id: input.caseId, firstReplyAt: null },
        data: {
          firstReplyAt: new Date(input.repliedAt),
          firstReplyActivityId: input.activityId,
          slaOutcome: input.slaOutcome,
          overdue: false,
        },
      });
      await db.case.updateMany({
        where: { id: input.caseId, status: 'awaiting-reply' },
        data: { status: 'replied' },
      });
    },

    async notifyCaseTransferred(input: { caseId: string; transferId: string; fromUnit: UnitCode; toUnit: UnitCode }) {
      await db.case.update({ where: { id: input.caseId }, data: { responsibleUnit: input.toUnit } });
      const transfer = await db.caseTransfer.findUniqueOrThrow({ where: { id: input.transferId } });
      const facts = await emailFacts(input.caseId);
      await send(
        `case:${input.caseId}:transfer:${input.transferId}`,
        input.caseId,
        await unitGuideEmails(db, input.toUnit),
        transferEmail(facts, input.fromUnit, transfer.note),
      );
    },

    async recordCaseClosed(input: { caseId: string; closedById: string; closedAt: string }) {
      await db.case.updateMany({
        where: { id: input.caseId, status: { not: 'closed' } },
        data: { status: 'closed', closedAt: new Date(input.closedAt), closedById: input.closedById, overdue: false },
      });
    },
  };
}
