// Activities of the move-status review. Lists are built and counted in SQL, so memory
// stays flat whatever the register's size; every step is safe to repeat.
import type { Database } from '../platform/database.js';
import type { Mailer } from './mailer.js';
import { coordinatorEmails } from './recipients.js';
import { REGION, unitDisplayName, type UnitCode } from '../domain/units.js';
import type { ReviewProgress, UnitProgress } from '../workflows/maintenance-definitions.js';

export interface ReviewActivityDeps {
  db: Database;
  mailer: Mailer;
  reviewUrl: (reviewId: string) => string;
}

/** MISSION.md §7: only contacts whose move status is not final are reviewed. */
export const STATUSES_UNDER_REVIEW = ['considering', 'unknown'];

export function createReviewActivities(deps: ReviewActivityDeps) {
  const { db, mailer } = deps;

  async function progressOf(reviewId: string): Promise<UnitProgress[]> {
    const rows = await db.$queryRaw<Array<{ unit: string; total: bigint; reviewed: bigint }>>`
      SELECT unit, count(*) AS total, count(reviewed_at) AS reviewed
      FROM review_items WHERE review_id = ${reviewId} GROUP BY unit ORDER BY unit`;
    return rows.map((row) => ({
      unit: row.unit,
      total: Number(row.total),
      reviewed: Number(row.reviewed),
      open: Number(row.total) - Number(row.reviewed),
    }));
  }

  async function emailUnits(reviewId: string, kind: 'summary' | 'reminder', units: UnitProgress[]) {
    for (const progress of units) {
      if (kind === 'reminder' && progress.open === 0) continue;
      const to = await coordinatorEmails(db, { units: [progress.unit as UnitCode], roles: ['coordinator', 'regional'] });
      if (to.length === 0) continue;
      const name = unitDisplayName(progress.unit as UnitCode);
      const subject =
        kind === 'summary'
          ? `Flyttstatusgenomgång: ${progress.total} kontakter att se över för ${name}`
          : `Påminnelse flyttstatusgenomgång: ${progress.open} av ${progress.total} kvar för ${name}`;
      const text = [
        progress.unit === REGION
          ? 'Årets genomgång av flyttstatus gäller kontakter som inte valt någon kommun.'
          : `Årets genomgång av flyttstatus gäller kontakter som valt ${name}.`,
        `Att se över: ${progress.total}. Klara: ${progress.reviewed}. Kvar: ${progress.open}.`,
        '',
        'Gå igenom listan under Årsgenomgång i webbappen: ange för varje kontakt om den har flyttat hit,',
        'flyttat någon annanstans, inte flyttar eller är oförändrad.',
        `Listan och framstegen: ${deps.reviewUrl(reviewId)}`,
      ].join('\n');
      await mailer.sendOnce({ idempotencyKey: `review:${reviewId}:${kind}:${progress.unit}`, to, subject, text });
    }
  }

  return {
    async openReview(input: { reviewId: string; remindAt: string; closesAt: string }): Promise<void> {
      await db.moveStatusReview.upsert({
        where: { id: input.reviewId },
        create: { id: input.reviewId, status: 'open', remindAt: new Date(input.remindAt), closesAt: new Date(input.closesAt) },
        update: {},
      });
      // One list per chosen municipality; the region's list holds those who chose none.
      await db.$executeRaw`
        INSERT INTO review_items (review_id, unit, contact_id)
        SELECT ${input.reviewId}, chosen.unit, c.id
        FROM contacts c CROSS JOIN LATERAL unnest(c.chosen_municipalities) AS chosen(unit)
        WHERE c.move_status = ANY(${STATUSES_UNDER_REVIEW})
        UNION ALL
        SELECT ${input.reviewId}, ${REGION}, c.id
        FROM contacts c
        WHERE cardinality(c.chosen_municipalities) = 0 AND c.move_status = ANY(${STATUSES_UNDER_REVIEW})
        ON CONFLICT DO NOTHING`;
    },

    async loadReviewProgress({ reviewId }: { reviewId: string }): Promise<ReviewProgress> {
      const review = await db.moveStatusReview.findUniqueOrThrow({ where: { id: reviewId } });
      return {
        reviewId,
        status: review.status as ReviewProgress['status'],
        units: await progressOf(reviewId),
        refreshedAt: new Date().toISOString(),
      };
    },

    async emailReviewSummaries({ reviewId }: { reviewId: string }) {
      await emailUnits(reviewId, 'summary', await progressOf(reviewId));
    },

    async remindUnitsWithOpenItems({ reviewId }: { reviewId: string }) {
      await emailUnits(reviewId, 'reminder', await progressOf(reviewId));
    },

    async closeReview({ reviewId }: { reviewId: string }): Promise<ReviewProgress> {
      const units = await progressOf(reviewId);
      const outcomes = await db.$queryRaw<Array<{ unit: string; outcome: string; count: bigint }>>`
        SELECT unit, outcome, count(*) AS count FROM review_items
        WHERE review_id = ${reviewId} AND outcome IS NOT NULL GROUP BY unit, outcome`;
      const result = units.map((progress) => ({
        ...progress,
        outcomes: Object.fromEntries(
          outcomes.filter((row) => row.unit === progress.unit).map((row) => [row.outcome, Number(row.count)]),
        ),
      }));
      const closedAt = new Date();
      await db.moveStatusReview.updateMany({
        where: { id: reviewId, status: 'open' },
        data: { status: 'closed', closedAt, result },
      });
      return { reviewId, status: 'closed', units, refreshedAt: closedAt.toISOString() };
    },
  };
}
