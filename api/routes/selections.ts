// Selections over contact cards (MISSION.md §6): preview what a filter matches, and keep
// named filters for newsletters and invitations.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../activities/database.js';
import { selectionFilter, type SelectionFilter } from '../../domain/selection.js';
import { Prisma } from '../../prisma/generated/client.js';
import { currentCoordinator } from '../auth.js';
import { conflict, notFound } from '../problem.js';
import { idParam, oneLineText } from '../schemas.js';
import { activeSubscribers, selectionWhere } from '../use-cases/selection-query.js';
import { parseOrThrow } from '../validate.js';

const SAMPLE_SIZE = 10;

export const selectionPreviewRequest = z
  .strictObject({
    filter: selectionFilter,
    onlySubscribers: z
      .boolean()
      .default(true)
      .meta({ description: 'Count only active subscribers, the people a newsletter would reach' }),
  })
  .meta({ id: 'SelectionPreviewRequest' });

export const saveSelectionRequest = z
  .strictObject({
    name: oneLineText(200).min(1),
    filter: selectionFilter,
  })
  .meta({ id: 'SaveSelectionRequest' });

type SavedSelectionRow = Awaited<ReturnType<Database['savedSelection']['findUniqueOrThrow']>>;

export function selectionRoutes(deps: { db: Database }): Router {
  const { db } = deps;
  const router = Router();

  async function countsOf(filter: SelectionFilter) {
    const [count, subscriberCount] = await Promise.all([
      db.contact.count({ where: selectionWhere(filter) }),
      db.contact.count({ where: activeSubscribers(filter) }),
    ]);
    return { count, subscriberCount };
  }

  function savedView(row: SavedSelectionRow) {
    return { id: row.id, name: row.name, filter: row.filter, createdById: row.createdById, createdAt: row.createdAt.toISOString() };
  }

  // Counts are computed on every read, since the contacts change while the filter does not.
  async function savedViewWithCounts(row: SavedSelectionRow) {
    // Stored filters were validated when saved.
    return { ...savedView(row), ...(await countsOf(row.filter as unknown as SelectionFilter)) };
  }

  router.post('/selections/preview', async (req, res) => {
    const body = parseOrThrow(selectionPreviewRequest, req.body, 'body');
    const where = body.onlySubscribers ? activeSubscribers(body.filter) : selectionWhere(body.filter);
    const [count, sample] = await Promise.all([
      db.contact.count({ where }),
      db.contact.findMany({
        where,
        orderBy: [{ lastActivityAt: 'desc' }, { id: 'asc' }],
        take: SAMPLE_SIZE,
        select: { id: true, firstName: true, lastName: true, chosenMunicipalities: true, newsletterStatus: true, moveStatus: true },
      }),
    ]);
    res.json({ count, sample: sample.map((contact) => ({ ...contact, chosenMunicipalities: contact.chosenMunicipalities ?? [] })) });
  });

  router.post('/selections', async (req, res) => {
    const body = parseOrThrow(saveSelectionRequest, req.body, 'body');
    // Evaluated before it is saved: a filter the database cannot run is never stored.
    const counts = await countsOf(body.filter);
    let row: SavedSelectionRow;
    try {
      row = await db.savedSelection.create({
        data: {
          id: randomUUID(),
          name: body.name,
          filter: body.filter as Prisma.InputJsonValue,
          createdById: currentCoordinator(res).id,
        },
      });
    } catch (error) {
      // The unique index decides, so two saves of one name at the same moment cannot both win.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw conflict(`A selection named "${body.name}" already exists.`);
      }
      throw error;
    }
    res.status(201).location(`/api/v1/selections/${row.id}`).json({ ...savedView(row), ...counts });
  });

  router.get('/selections', async (_req, res) => {
    const rows = await db.savedSelection.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    res.json({ items: rows.map(savedView) });
  });

  router.get('/selections/:id', async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'path');
    const row = await db.savedSelection.findUnique({ where: { id } });
    if (!row) throw notFound('Selection');
    res.json(await savedViewWithCounts(row));
  });

  return router;
}
