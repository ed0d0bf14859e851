// MISSION.md §7: a move-status review round, its progress per unit and its list, and
// marking a contact reviewed without change.
import { conflict, notFound } from '../../domain/errors.js';
import { toStockholmIso, toStockholmIsoOrNull } from '../../domain/stockholm-time.js';
import type { UnitCode } from '../../domain/units.js';
import type { Database } from '../../platform/database.js';
import type { AuthenticatedCoordinator } from '../route-table/caller.js';
import { changeMoveStatus } from './contact-changes.js';

export async function reviewRoundView(db: Database, id: string, query: { unit?: UnitCode; open?: boolean; page: number; pageSize: number }) {
  const review = await db.moveStatusReview.findUnique({ where: { id } });
  if (!review) throw notFound('Review');
  const progress = await db.$queryRaw<Array<{ unit: string; total: bigint; reviewed: bigint }>>`
    SELECT unit, count(*) AS total, count(reviewed_at) AS reviewed FROM review_items
    WHERE review_id = ${id} GROUP BY unit ORDER BY unit`;
  const where = {
    reviewId: id,
    ...(query.unit ? { unit: query.unit } : {}),
    ...(query.open === undefined ? {} : query.open ? { reviewedAt: null } : { reviewedAt: { not: null } }),
  };
  const items = await db.reviewItem.findMany({
    where,
    include: { contact: { select: { firstName: true, lastName: true, email: true, phone: true, preferredContactMethod: true, moveStatus: true } } },
    orderBy: [{ unit: 'asc' }, { contactId: 'asc' }],
    skip: (query.page - 1) * query.pageSize,
    take: query.pageSize,
  });
  return {
    id,
    status: review.status,
    startedAt: toStockholmIso(review.startedAt),
    remindAt: toStockholmIso(review.remindAt),
    closesAt: toStockholmIso(review.closesAt),
    closedAt: toStockholmIsoOrNull(review.closedAt),
    units: progress.map((row) => ({
      unit: row.unit,
      total: Number(row.total),
      reviewed: Number(row.reviewed),
      open: Number(row.total) - Number(row.reviewed),
    })),
    result: review.result,
    items: items.map((item) => ({
      unit: item.unit,
      contactId: item.contactId,
      name: `${item.contact.firstName} ${item.contact.lastName}`,
      preferredContact: {
        method: item.contact.preferredContactMethod,
        value: item.contact.preferredContactMethod === 'phone' ? item.contact.phone : item.contact.email,
      },
      moveStatus: item.contact.moveStatus,
      outcome: item.outcome,
      reviewedAt: toStockholmIsoOrNull(item.reviewedAt),
    })),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function markReviewedUnchanged(db: Database, input: { reviewId: string; contactId: string; unit?: UnitCode; reviewedById: string }) {
  const { reviewId, contactId } = input;
  const review = await db.moveStatusReview.findUnique({ where: { id: reviewId } });
  if (!review) throw notFound('Review');
  if (review.status !== 'open') throw conflict('The review round is closed.');
  const marked = await db.reviewItem.updateMany({
    where: { reviewId, contactId, ...(input.unit ? { unit: input.unit } : {}), reviewedAt: null },
    data: { outcome: 'unchanged', reviewedAt: new Date(), reviewedById: input.reviewedById },
  });
  const onList = await db.reviewItem.count({ where: { reviewId, contactId } });
  if (onList === 0) throw notFound('Review item');
  return { reviewId, contactId, marked: marked.count };
}

/** The round the web app's review page shows: the open one, else the latest closed one. */
export async function currentReview(db: Database) {
  return (
    (await db.moveStatusReview.findFirst({ where: { status: 'open' }, orderBy: { startedAt: 'desc' } })) ??
    (await db.moveStatusReview.findFirst({ orderBy: { startedAt: 'desc' } }))
  );
}

/** The unit's next open item after `after` in list order, wrapping to the first; null when all are done. */
export async function nextOpenReviewItem(db: Database, input: { reviewId: string; unit: UnitCode; after?: string }) {
  const open = { reviewId: input.reviewId, unit: input.unit, reviewedAt: null };
  const next =
    (input.after ? await db.reviewItem.findFirst({ where: { ...open, contactId: { gt: input.after } }, orderBy: { contactId: 'asc' } }) : null) ??
    (await db.reviewItem.findFirst({ where: open, orderBy: { contactId: 'asc' } }));
  return next?.contactId ?? null;
}

export const REVIEW_OUTCOMES = ['moved', 'moved-elsewhere', 'not-moving', 'unchanged'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/**
 * One contact of a unit's list worked: "unchanged" marks only that unit's item; a move
 * status is recorded on the contact (its timeline too), which closes its items in every list.
 */
export async function recordReviewOutcome(
  db: Database,
  input: { reviewId: string; unit: UnitCode; contactId: string; outcome: ReviewOutcome; municipality?: string; movedOn?: string; author: AuthenticatedCoordinator },
) {
  const { reviewId, unit, contactId } = input;
  if (input.outcome === 'unchanged') return markReviewedUnchanged(db, { reviewId, contactId, unit, reviewedById: input.author.id });
  const item = await db.reviewItem.findUnique({ where: { reviewId_unit_contactId: { reviewId, unit, contactId } }, include: { review: { select: { status: true } } } });
  if (!item) throw notFound('Review item');
  if (item.review.status !== 'open') throw conflict('The review round is closed.');
  await changeMoveStatus(db, { contactId, author: input.author, change: { moveStatus: input.outcome, municipality: input.municipality, movedOn: input.movedOn } });
  return { reviewId, contactId, marked: 1 };
}
