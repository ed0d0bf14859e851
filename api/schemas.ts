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
  ROLES,
  SLA_OUTCOMES,
  SOURCE_KINDS,
} from '../domain/codes.js';
import { MUNICIPALITY_CODES, UNIT_CODES } from '../domain/units.js';
import { todayInStockholm } from '../domain/stockholm-time.js';

const isoDateTime = z.iso.datetime({ offset: true }).meta({ example: '2026-12-21T09:30:00+01:00' });
// PostgreSQL text cannot hold NUL, and other control characters have no place in a form.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'contains control characters');
const uuid = z.uuid();

export const municipalityCode = z.enum(MUNICIPALITY_CODES).meta({ description: 'Municipality code (MISSION §2)' });
export const unitCode = z.enum(UNIT_CODES).meta({ description: 'A municipality code or "region"' });

/** Swedish numbers may be written 070-123 45 67; stored as +46701234567. */
export function normalizePhone(raw: string): string {
  const compact = raw.replace(/[\s()-]/g, '');
  if (compact.startsWith('00')) return `+${compact.slice(2)}`;
  if (compact.startsWith('0')) return `+46${compact.slice(1)}`;
  return compact.startsWith('+') ? compact : `+${compact}`;
}

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9\s()-]{5,24}$/, 'expected a phone number such as 070-123 45 67 or +46 70 123 45 67')
  .transform(normalizePhone);

export const intakeRequest = z
  .strictObject({
    firstName: text(100).min(1),
    lastName: text(100).min(1),
    email: z.email().max(254).transform((value) => value.toLowerCase()).optional(),
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
    currentLocation: text(200).optional(),
    moveTimeframe: text(100).optional().meta({ example: 'within a year' }),
    language: z.enum(LANGUAGES).default('sv'),
    consent: z
      .literal(true, { error: 'consent to processing is required' })
      .optional()
      .meta({ description: 'Consent to processing; submitting the form gives it, false is rejected.' }),
    newsletter: z.boolean().default(false),
    receivedAt: isoDateTime
      .optional()
      .meta({ description: 'Only from "import" sources (back-dated import from the old CRM); others get server time.' }),
  })
  .superRefine((body, ctx) => {
    const channel = body.preferredContactMethod;
    if (!body[channel]) {
      ctx.addIssue({ code: 'custom', path: [channel], message: `${channel} is required when it is the preferred contact method` });
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
    occurredAt: isoDateTime.optional().meta({ description: 'Defaults to now; never in the future' }),
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
    if (body.occurredAt && Date.parse(body.occurredAt) > Date.now() + 5 * 60_000) {
      ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: 'occurredAt is in the future' });
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
    movedTo: z.object({ municipality: z.string().nullable(), on: z.string().nullable() }),
    createdAt: isoDateTime,
    cases: z.array(caseView),
    activities: z.array(activityView),
  })
  .meta({ id: 'ContactCard' });

export const coordinatorRole = z.enum(ROLES);

export const moveStatusRequest = z
  .strictObject({
    moveStatus: z.enum(MOVE_STATUSES),
    municipality: municipalityCode.optional().meta({ description: 'Where they moved; required with "moved"' }),
    movedOn: z.iso.date().optional().meta({ description: 'Date of the move; required with "moved"' }),
  })
  .superRefine((body, ctx) => {
    if (body.moveStatus === 'moved') {
      if (!body.municipality) ctx.addIssue({ code: 'custom', path: ['municipality'], message: 'required when moveStatus is moved' });
      if (!body.movedOn) ctx.addIssue({ code: 'custom', path: ['movedOn'], message: 'required when moveStatus is moved' });
      // "Today" is the Stockholm date: a move dated today is valid from local midnight.
      if (body.movedOn && body.movedOn > todayInStockholm()) {
        ctx.addIssue({ code: 'custom', path: ['movedOn'], message: 'a move cannot be in the future' });
      }
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
