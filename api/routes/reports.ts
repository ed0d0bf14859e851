import { Router } from 'express';
import type { Database } from '../../activities/database.js';

/** Figures for decision makers (MISSION.md §8). */
export function reportRoutes(_deps: { db: Database }): Router {
  return Router();
}
