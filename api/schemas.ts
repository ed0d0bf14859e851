// Request and response schemas: the single source of request types, validation and the
// OpenAPI document.
import { z } from 'zod';
import {
  ACTIVITY_TYPES,
  CALL_OUTCOMES,
  CASE_STATUSES,
  CONTACT_METHODS,
  DIRECTIONS,
  INTEREST_CODES,
  LANGUAGES,
  MOVE_STATUSES,
  NEWSLETTER_STATUSES,
  SLA_OUTCOMES,
  SOURCE_KINDS,
} from '../domain/codes.js';
import { normalizeEmail, normalizePhone } from '../domain/contact-channels.js';
import { EARLIEST_DATE, pastDateProblem, pastInstantProblem } from '../domain/date-bounds.js';
import { isAcceptableMultiLineText, isAcceptableSingleLineText } from '../domain/text-rules.js';
import { MUNICIPALITY_CODES, UNIT_CODES } from '../domain/units.js';

const isoDateTime = z.iso.datetime({ offset: true }).meta({ example: '2026-12-21T09:30:00+01:00' });

/** Multi-line text (messages, notes): trimmed, valid Unicode, line breaks but no other control characters. */
export const multiLineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(isAcceptableMultiLineText, 'contains control characters or invalid Unicode');
/** One-line text (names, places, titles): no line break or control character at all (issue 12, item 10). */
export const oneLineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(isAcceptableSingleLineText, 'must be one line without control characters or invalid Unicode');
const text = multiLineText;
const uuid = z.uuid();

/** A time something happened: from 2000 (domain/date-bounds.ts) up to now. */
export const pastInstant = isoDateTime.superRefine((value, ctx) => {
  const problem = pastInstantProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const municipalityCode = z.enum(MUNICIPALITY_CODES).meta({ description: 'Municipality code (MISSION §2)' });
export const unitCode = z.enum(UNIT_CODES).meta({ description: 'A municipality code or "region"' });

export { normalizePhone };

/** Trimmed, lower-cased; international (IDN) addresses such as åsa@exämple.se are accepted. */
export const emailAddress = z
  .string()
  .max(320)
  .transform((value, ctx) => {
    const normalized = normalizeEmail(value);
    if (normalized === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected an email address such as anna@example.se' });
      return z.NEVER;
    }
    return normalized;
  })
  .meta({ format: 'email', example: 'anna@example.se' });

const phone = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const normalized = normalizePhone(value);
    if (normalized === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected a phone number such as 070-123 45 67 or +46 70 123 45 67' });
      return z.NEVER;
    }
    return normalized;
  })
  .meta({ example: '070-123 45 67' });

export const intakeRequest = z
  .strictObject({
    firstName: oneLineText(100).min(1),
    lastName: oneLineText(100).min(1),
    email: emailAddress.optional(),
    phone: phone.optional(),
    preferredContactMethod: z.enum(CONTACT_METHODS),
    municipalities: z
      .array(municipalityCode)
      .max(MUNICIPALITY_CODES.length)
      .default([])
      .meta({ description: 'Chosen municipalities: one routes the case there; none or several route it to the region.' }),
    interests: z.array(z.enum(INTEREST_CODES)).max(INTEREST_CODES.length).default([]),
    message: text(5000).optional(),
    household: z
      .strictObject({ adults: z.int().min(0).max(20), children: z.int().min(0).max(20) })
      .optional(),
    currentLocation: oneLineText(200).optional(),
    moveTimeframe: oneLineText(100).optional().meta({ example: 'within a year' }),
    language: z.enum(LANGUAGES).default('sv'),
    consent: z
      .literal(true, { error: 'consent to processing is required' })
      .optional()
      .meta({ description: 'Consent to processing; submitting the form gives it, false is rejected.' }),
    newsletter: z.boolean().default(false),
    receivedAt: pastInstant
      .optional()
      .meta({ description: 'Only from "import" sources (back-dated import from the old CRM); others get server time. From 2000-01-01 up to now.' }),
  })
  .superRefine((body, ctx) => {
    const channel = body.preferredContactMethod;
    if (!body[channel]) {
      ctx.addIssue({ code: 'custom', path: [channel], message: `${channel} is required when it is the preferred contact method` });
    }
    // The confirmation goes to the address typed into this form, never to one found on a card.
    if (body.newsletter && !body.email) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'a newsletter subscription needs an email address' });
    }
  })
  .meta({ id: 'IntakeRequest' });
export type IntakeRequest = z.infer<typeof intakeRequest>;

export const intakeResponse = z
  .object({
    contactId: uuid,
    caseId: uuid,
    workflowId: z.string().meta({ example: 'case-are-000123' }),
    assignedTo: z.object({ unit: unitCode, name: z.string() }),
    receivedAt: isoDateTime,
    firstReplyDueAt: isoDateTime.meta({ example: '2026-12-30T23:59:59+01:00' }),
    duplicateContact: z.boolean().meta({ description: 'true when an existing contact card was reused' }),
  })
  .meta({ id: 'IntakeResponse' });

export const idempotencyKeyHeader = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');


export const contactListQuery = z
  .strictObject({
    q: text(200).optional().meta({ description: 'Matches name, email or phone' }),
    municipality: municipalityCode.optional(),
    moveStatus: z.enum(MOVE_STATUSES).optional(),
    ...pagingQuery({ maxPageSize: 200, defaultPageSize: 50 }),
  })
  .meta({ id: 'ContactListQuery' });

export const activityRequest = z
  .strictObject({
    type: z.enum(ACTIVITY_TYPES),
    direction: z.enum(DIRECTIONS).optional(),
    outcome: z.enum(CALL_OUTCOMES).optional(),
    occurredAt: pastInstant.optional().meta({ description: 'Defaults to now; from 2000-01-01, never in the future' }),
    summary: text(20_000).min(1),
    caseId: uuid.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.type === 'note' && (body.direction || body.outcome)) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: 'a note has no direction or outcome' });
    }
    if (body.type === 'email' && !body.direction) {
      ctx.addIssue({ code: 'custom', path: ['direction'], message: 'an email needs a direction (outbound or inbound)' });
    }
    if (body.type === 'email' && body.outcome) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'outcome is for calls and meetings' });
    }
    if (body.type === 'phone' && !body.outcome) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'a call needs an outcome (reached or no-answer)' });
    }
  })
  .meta({ id: 'ActivityRequest' });
export type ActivityRequest = z.infer<typeof activityRequest>;

export const caseListQuery = z
  .strictObject({
    unit: unitCode.optional(),
    status: z.enum(CASE_STATUSES).optional(),
    overdue: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
    ...pagingQuery({ maxPageSize: 200, defaultPageSize: 50 }),
  })
  .meta({ id: 'CaseListQuery' });

export const transferRequest = z
  .strictObject({ to: unitCode, note: text(2000).min(1) })
  .meta({ id: 'TransferRequest' });

export const closeRequest = z.strictObject({ note: text(2000).optional() }).meta({ id: 'CloseRequest' });

export const idParam = z.strictObject({ id: uuid });

export const mergeContactsRequest = z
  .strictObject({
    duplicateId: uuid.meta({ description: 'The other card of the same person; it is merged into this one and removed' }),
  })
  .meta({ id: 'MergeContactsRequest' });

export const mergeContactsResponse = z
  .object({
    id: uuid.meta({ description: 'The card that was kept' }),
    mergedContactId: uuid.meta({ description: 'The card that was merged into it and no longer exists' }),
    activityId: uuid.meta({ description: 'The merge note on the timeline (who, when, what)' }),
  })
  .meta({ id: 'MergeContactsResponse' });

export const caseState = z
  .object({
    caseId: uuid,
    unit: unitCode,
    status: z.enum(CASE_STATUSES),
    slaOutcome: z.enum(SLA_OUTCOMES),
    overdue: z.boolean(),
    escalationLevel: z.int(),
    receivedAt: isoDateTime,
    firstReplyDueAt: isoDateTime,
    firstReplyAt: isoDateTime.nullable(),
    closedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'CaseState' });

export const caseView = caseState
  .extend({
    id: uuid,
    workflowId: z.string(),
    contactId: uuid,
    source: z.object({ id: uuid, name: z.string(), kind: z.enum(SOURCE_KINDS) }),
    chosenMunicipalities: z.array(municipalityCode),
    interests: z.array(z.enum(INTEREST_CODES)),
    message: z.string().nullable(),
    workingDaysLeft: z.int().nullable(),
    transfers: z.array(
      z.object({ fromUnit: unitCode, toUnit: unitCode, note: z.string(), at: isoDateTime, authorId: uuid }),
    ),
  })
  .meta({ id: 'Case' });

export const activityView = z
  .object({
    id: uuid,
    caseId: uuid.nullable(),
    type: z.enum(ACTIVITY_TYPES),
    direction: z.enum(DIRECTIONS).nullable(),
    outcome: z.enum(CALL_OUTCOMES).nullable(),
    occurredAt: isoDateTime,
    summary: z.string(),
    countsAsFirstReply: z.boolean(),
    author: z.object({ id: uuid, name: z.string() }).nullable(),
  })
  .meta({ id: 'Activity' });

export const contactSummary = z
  .object({
    id: uuid,
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    preferredContactMethod: z.enum(CONTACT_METHODS),
    chosenMunicipalities: z.array(municipalityCode),
    moveStatus: z.enum(MOVE_STATUSES),
    lastActivityAt: isoDateTime,
  })
  .meta({ id: 'ContactSummary' });

export const contactCard = contactSummary
  .extend({
    preferredContact: z.object({ method: z.enum(CONTACT_METHODS), value: z.string() }),
    interests: z.array(z.enum(INTEREST_CODES)),
    message: z.string().nullable(),
    household: z.object({ adults: z.int().nullable(), children: z.int().nullable() }),
    currentLocation: z.string().nullable(),
    moveTimeframe: z.string().nullable(),
    language: z.enum(LANGUAGES),
    consent: z.object({ at: isoDateTime, source: z.string() }),
    newsletterStatus: z.enum(NEWSLETTER_STATUSES),
    possibleDuplicateOf: uuid
      .nullable()
      .meta({ description: 'Another card with the same phone but another email: perhaps the same person (merge with POST /contacts/{id}/merge)' }),
    movedTo: z.object({ municipality: z.string().nullable(), on: z.string().nullable() }),
    createdAt: isoDateTime,
    cases: z.array(caseView),
    activities: z.array(activityView),
  })
  .meta({ id: 'ContactCard' });

export const moveStatusRequest = z
  .strictObject({
    moveStatus: z.enum(MOVE_STATUSES),
    municipality: municipalityCode.optional().meta({ description: 'Where they moved; required with "moved"' }),
    movedOn: z.iso
      .date()
      .superRefine((value, ctx) => {
        const problem = pastDateProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional()
      .meta({ description: `Date of the move (from ${EARLIEST_DATE}, not in the future); required with "moved"` }),
  })
  .superRefine((body, ctx) => {
    if (body.moveStatus === 'moved') {
      if (!body.municipality) ctx.addIssue({ code: 'custom', path: ['municipality'], message: 'required when moveStatus is moved' });
      if (!body.movedOn) ctx.addIssue({ code: 'custom', path: ['movedOn'], message: 'required when moveStatus is moved' });
    } else if (body.municipality || body.movedOn) {
      ctx.addIssue({ code: 'custom', path: ['moveStatus'], message: 'municipality and movedOn belong to moveStatus moved' });
    }
  })
  .meta({ id: 'MoveStatusRequest' });

/** Optional `Idempotency-Key`: same key + same body → the same answer and no second write. */
export const idempotencyHeaders = z.object({
  'idempotency-key': idempotencyKeyHeader
    .optional()
    .meta({ description: 'Same key + same body → the same answer and no second write; same key + other body → 409.' }),
});

/** `?page=&pageSize=` for every paged list; the limits differ by what a page holds. */
export function pagingQuery(limits: { maxPageSize: number; defaultPageSize: number }) {
  return {
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(limits.maxPageSize).default(limits.defaultPageSize),
  };
}
