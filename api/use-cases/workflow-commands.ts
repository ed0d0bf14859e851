import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { conflict } from '../../domain/errors.js';

/** A workflow that rejects an update (closed case, same unit, run no longer waiting) is a conflict, not a crash. */
export async function asWorkflowCommand<T>(update: () => Promise<T>): Promise<T> {
  try {
    return await update();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      throw conflict(error.cause.message);
    }
    throw error;
  }
}
