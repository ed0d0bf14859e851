// Runs the Temporal dev server (server + SQLite persistence + Web UI) from the CLI.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { spawnService, waitUntil, type ServiceProcess } from './services.js';

export interface RunningTemporal extends ServiceProcess {
  address: string;
}

export async function startTemporalDevServer(options: {
  cli: string;
  dbFile: string;
  port: number;
  uiPort?: number;
  namespace: string;
  log: (line: string) => void;
}): Promise<RunningTemporal> {
  mkdirSync(path.dirname(path.resolve(options.dbFile)), { recursive: true });
  const address = `127.0.0.1:${options.port}`;
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--db-filename',
    path.resolve(options.dbFile),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
  ];
  const service = spawnService('temporal', options.cli, args, options.log);
  await waitUntil(
    `Temporal dev server on ${address}`,
    async () => {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return true;
      } finally {
        await connection.close();
      }
    },
    60_000,
    service.child,
  );
  return { ...service, address };
}
