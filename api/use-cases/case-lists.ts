// Lists of cases and contacts a guide works from (MISSION.md §2: every guide may see every
// case). Read-only; the web app's Min dag, cases list and search and the JSON API's
// GET /cases and GET /contacts use them, so a filter means the same in both.
import type { Prisma } from '../../prisma/generated/client.js';
import type { Database } from '../../platform/database.js';
import type { CaseStatus, SourceKind } from '../../domain/codes.js';
import type { UnitCode } from '../../domain/units.js';
import { caseInclude } from './views.js';

export interface CaseFilter {
  unit?: UnitCode;
  status?: CaseStatus;
  /** Not closed. */
  open?: boolean;
  overdue?: boolean;
  source?: SourceKind;
  dueBefore?: Date;
  /** Cases the region owns that chose this municipality ("för kännedom"). */
  forInformationOf?: UnitCode;
}

/** What the JSON case view needs, plus the contact's name and preferred channel for the lists. */
export const caseListInclude = {
  ...caseInclude,
  contact: { select: { firstName: true, lastName: true, preferredContactMethod: true, phone: true, email: true } },
} satisfies Prisma.CaseInclude;

function caseWhere(filter: CaseFilter): Prisma.CaseWhereInput {
  return {
    ...(filter.unit ? { responsibleUnit: filter.unit } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.open ? { status: { not: 'closed' } } : {}),
    ...(filter.overdue !== undefined ? { overdue: filter.overdue } : {}),
    ...(filter.source ? { sourceKind: filter.source } : {}),
    ...(filter.dueBefore ? { firstReplyDueAt: { lt: filter.dueBefore } } : {}),
    ...(filter.forInformationOf ? { responsibleUnit: 'region', chosenMunicipalities: { has: filter.forInformationOf } } : {}),
  };
}

/** Ordered by first-reply due time: the most urgent first. */
export async function listCases(db: Database, filter: CaseFilter, paging: { page: number; pageSize: number }) {
  const where = caseWhere(filter);
  const [total, items] = await Promise.all([
    db.case.count({ where }),
    db.case.findMany({
      where,
      include: caseListInclude,
      orderBy: [{ firstReplyDueAt: 'asc' }, { id: 'asc' }],
      skip: (paging.page - 1) * paging.pageSize,
      take: paging.pageSize,
    }),
  ]);
  return { total, items };
}

export async function countCases(db: Database, filter: CaseFilter) {
  return db.case.count({ where: caseWhere(filter) });
}

/** A unit's contacts still to be reviewed in open move-status review rounds (MISSION.md §7). */
export async function openReviewItems(db: Database, unit: UnitCode, take = 20) {
  const where = { unit, outcome: null, review: { status: 'open' } } satisfies Prisma.ReviewItemWhereInput;
  const [total, items] = await Promise.all([
    db.reviewItem.count({ where }),
    db.reviewItem.findMany({
      where,
      include: { contact: { select: { id: true, firstName: true, lastName: true, moveStatus: true } } },
      orderBy: { contactId: 'asc' },
      take,
    }),
  ]);
  return { total, items };
}

/**
 * One box for everything a guide may have at hand: a name, an email, a phone number in any
 * format (070-123 45 67 finds +46701234567), a case number or a workflow id.
 */
export async function searchContacts(db: Database, q: string, take = 50) {
  return db.contact.findMany({ where: await contactSearchWhere(db, q, take), orderBy: [{ lastActivityAt: 'desc' }, { id: 'asc' }], take });
}

/** The contacts the search box's text finds, as a filter the JSON search combines with its own. */
export async function contactSearchWhere(db: Database, q: string, take = 50): Promise<Prisma.ContactWhereInput> {
  const text = q.trim();
  const digits = text.replace(/[^0-9]/g, '');
  const words = text.split(/\s+/).filter(Boolean);
  const caseNumber = /^#?\d{1,9}$/.test(text) ? Number(text.replace('#', '')) : undefined;
  const phoneDigits = digits.replace(/^(00)?46/, '').replace(/^0/, '');
  const cases = await db.case.findMany({
    where: { OR: [...(text.includes('case-') ? [{ workflowId: { endsWith: text } }] : []), ...(caseNumber !== undefined ? [{ number: caseNumber }] : [])] },
    select: { contactId: true },
    take,
  });
  return {
    OR: [
      { id: { in: cases.map((row) => row.contactId) } },
      { email: { contains: text, mode: 'insensitive' } },
      // "Anna Berg" matches first and last name together.
      { AND: words.map((word) => ({ OR: [{ firstName: { contains: word, mode: 'insensitive' as const } }, { lastName: { contains: word, mode: 'insensitive' as const } }] })) },
      ...(digits.length >= 6 && phoneDigits.length >= 5 && /^[+0-9\s()-]+$/.test(text) ? [{ phone: { contains: phoneDigits } }] : []),
    ],
  };
}
