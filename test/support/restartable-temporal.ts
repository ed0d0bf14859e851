// A Temporal dev server of a test's own (not the run's shared one), so the test can stop
// and restart it on the same database file while a product keeps using its address.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { inject } from 'vitest';
import { startTemporalDevServer } from '../../scripts/temporal-server.js';
import { ensureSearchAttributes } from '../../worker/search-attributes-setup.js';
import { freePort } from './free-port.js';

export async function startRestartableTemporal(name: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `temporal-${name}-`));
  await chmod(dir, 0o755);
  const options = { cli: inject('harness').temporalCli, dbFile: path.join(dir, 'temporal.sqlite'), port: await freePort(), namespace: 'default', log: () => undefined };
  let server = await startTemporalDevServer(options);
  const connection = await Connection.connect({ address: server.address });
  await ensureSearchAttributes(connection, 'default');
  await connection.close();
  return {
    address: server.address,
    /** Stops the server and starts it again on the same port and database file. */
    async restart() {
      await server.stop();
      server = await startTemporalDevServer(options);
    },
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
