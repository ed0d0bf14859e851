// The app's own scripts and styles, served by the product itself (no CDN).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export function webAssets(): Router {
  const router = Router();
  const options = { maxAge: '1h', index: false as const };
  router.get('/assets/htmx.min.js', (_req, res) => res.sendFile(require.resolve('htmx.org/dist/htmx.min.js'), options));
  router.use('/assets', express.static(path.join(here, 'assets'), options));
  return router;
}
