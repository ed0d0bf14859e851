// `npm start` runs its worker as a child process (main/worker.ts), the way production runs
// `npm run worker` beside `npm run api`: the API's event loop then answers requests while
// the worker's workflow tasks and activities run on another core, at a lower scheduling
// priority (WORKER_NICE). The benchmarks start the product's worker the same way.
import { fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const WORKER_ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** What main/worker.ts sends its parent once it polls its task queue. */
export const WORKER_READY_MESSAGE = 'worker-ready';

export interface WorkerProcess {
  pid: number;
  /** Asks the worker to finish its running activities; after `graceMs` it is killed. */
  stop(graceMs: number): Promise<void>;
}

/** Forks the worker with `env` (its whole configuration) and resolves once it polls. */
export async function spawnWorkerProcess(env: NodeJS.ProcessEnv, nice: number): Promise<WorkerProcess> {
  // The parent's loader flags (tsx) carry over, so the child runs the same TypeScript.
  const child = fork(WORKER_ENTRY, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    if (nice > 0) os.setPriority(child.pid!, nice);
  } catch {
    // Some containers forbid it; the worker then runs at the API's priority.
  }
  await new Promise<void>((resolve, reject) => {
    child.on('message', (message) => {
      if (message === WORKER_READY_MESSAGE) resolve();
    });
    child.once('exit', (code, signal) => reject(new Error(`The worker process exited during start-up (${signal ?? `exit code ${code}`})`)));
  });
  return {
    pid: child.pid!,
    async stop(graceMs) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killer);
    },
  };
}
