// MISSION.md §4.6–4.7: transfer keeps the SLA clock, close ends the workflow. The
// workflow owns the case's state; these commands reach it through updates.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Database } from '../../platform/database.js';
import type { UnitCode } from '../../domain/units.js';
import { closeCaseUpdate, transferCaseUpdate, type CaseState } from '../../workflows/definitions.js';
import type { AuthenticatedCoordinator } from '../route-table/caller.js';
import { conflict, notFound } from '../../domain/errors.js';
import { asWorkflowCommand } from './workflow-commands.js';

export interface CaseCommandDeps {
  db: Database;
  temporal: Client;
}

export async function transferCase(
  deps: CaseCommandDeps,
  input: { caseId: string; to: UnitCode; note: string; author: AuthenticatedCoordinator },
): Promise<CaseState> {
  const row = await deps.db.case.findUnique({ where: { id: input.caseId } });
  if (!row) throw notFound('Case');
  if (row.status === 'closed') throw conflict('A closed case cannot be transferred.');
  if (row.responsibleUnit === input.to) throw conflict(`The case is already with ${input.to}.`);
  const transferId = randomUUID();
  // The note may hold personal details, so it stays in PostgreSQL; the workflow gets the id.
  await deps.db.caseTransfer.create({
    data: {
      id: transferId,
      caseId: row.id,
      fromUnit: row.responsibleUnit,
      toUnit: input.to,
      note: input.note,
      authorId: input.author.id,
    },
  });
  return asWorkflowCommand(() =>
    deps.temporal.workflow
      .getHandle(row.workflowId)
      .executeUpdate(transferCaseUpdate, { args: [{ transferId, toUnit: input.to }], updateId: `transfer-${transferId}` }),
  );
}

export async function closeCase(
  deps: CaseCommandDeps,
  input: { caseId: string; author: AuthenticatedCoordinator },
): Promise<CaseState | null> {
  const row = await deps.db.case.findUnique({ where: { id: input.caseId } });
  if (!row) throw notFound('Case');
  if (row.status === 'closed') return null;
  return asWorkflowCommand(() =>
    deps.temporal.workflow
      .getHandle(row.workflowId)
      .executeUpdate(closeCaseUpdate, { args: [{ closedById: input.author.id }], updateId: `close-${row.id}` }),
  );
}

/** Closes the case; a note given with the close goes on the timeline of a case that was open. */
export async function closeCaseWithNote(deps: CaseCommandDeps, input: { caseId: string; author: AuthenticatedCoordinator; note?: string }) {
  const closed = await closeCase(deps, input);
  if (closed && input.note) {
    const row = await deps.db.case.findUniqueOrThrow({ where: { id: input.caseId } });
    await deps.db.activity.create({
      data: {
        id: randomUUID(),
        contactId: row.contactId,
        caseId: input.caseId,
        type: 'note',
        occurredAt: new Date(),
        summary: input.note,
        authorId: input.author.id,
      },
    });
  }
  return closed;
}
