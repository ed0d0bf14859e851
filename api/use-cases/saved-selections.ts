// Selections over contact cards (MISSION.md §6): preview what a filter matches, and keep
// named filters for newsletters and invitations.
import { randomUUID } from 'node:crypto';
import { conflict, notFound } from '../../domain/errors.js';
import type { SelectionFilter } from '../../domain/selection.js';
import { toStockholmIso } from '../../domain/stockholm-time.js';
import type { Database } from '../../platform/database.js';
import { Prisma } from '../../prisma/generated/client.js';
import { activeSubscribers, selectionWhere } from '../../platform/contact-selection-query.js';

const SAMPLE_SIZE = 10;

type SavedSelectionRow = Awaited<ReturnType<Database['savedSelection']['findUniqueOrThrow']>>;

async function countsOf(db: Database, filter: SelectionFilter) {
  const [count, subscriberCount] = await Promise.all([
    db.contact.count({ where: selectionWhere(filter) }),
    db.contact.count({ where: activeSubscribers(filter) }),
  ]);
  return { count, subscriberCount };
}

function savedView(row: SavedSelectionRow) {
  return { id: row.id, name: row.name, filter: row.filter, createdById: row.createdById, createdAt: toStockholmIso(row.createdAt) };
}

// Counts are computed on every read, since the contacts change while the filter does not.
async function savedViewWithCounts(db: Database, row: SavedSelectionRow) {
  // Stored filters were validated when saved.
  return { ...savedView(row), ...(await countsOf(db, row.filter as unknown as SelectionFilter)) };
}

export async function previewSelection(db: Database, input: { filter: SelectionFilter; onlySubscribers: boolean }) {
  const where = input.onlySubscribers ? activeSubscribers(input.filter) : selectionWhere(input.filter);
  const [count, sample] = await Promise.all([
    db.contact.count({ where }),
    db.contact.findMany({
      where,
      orderBy: [{ lastActivityAt: 'desc' }, { id: 'asc' }],
      take: SAMPLE_SIZE,
      select: { id: true, firstName: true, lastName: true, chosenMunicipalities: true, newsletterStatus: true, moveStatus: true },
    }),
  ]);
  return { count, sample: sample.map((contact) => ({ ...contact, chosenMunicipalities: contact.chosenMunicipalities ?? [] })) };
}

export async function saveSelection(db: Database, input: { name: string; filter: SelectionFilter; createdById: string }) {
  let row: SavedSelectionRow;
  try {
    row = await db.savedSelection.create({
      data: { id: randomUUID(), name: input.name, filter: input.filter as Prisma.InputJsonValue, createdById: input.createdById },
    });
  } catch (error) {
    // The unique index decides, so two saves of one name at the same moment cannot both win.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw conflict(`A selection named "${input.name}" already exists.`);
    }
    throw error;
  }
  return savedViewWithCounts(db, row);
}

export async function listSelections(db: Database) {
  const rows = await db.savedSelection.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  return rows.map(savedView);
}

export async function loadSelection(db: Database, id: string) {
  const row = await db.savedSelection.findUnique({ where: { id } });
  if (!row) throw notFound('Selection');
  return savedViewWithCounts(db, row);
}
