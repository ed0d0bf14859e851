// main/worker.ts's start-worker as a child process, with the deadlines seconds away
// (TEST_DEADLINES_MS = reminder,due,second escalation after receipt) and the run's bundle.
import { createLogger } from '../../platform/logger.js';
import { parseConfig } from '../../domain/config.js';
import { requireExternalEndpoints } from '../../platform/endpoints.js';
import { startWorker } from '../../main/start-worker.js';

const config = parseConfig(process.env);
const [reminder, due, second] = (process.env.TEST_DEADLINES_MS ?? '').split(',').map(Number);
const worker = await startWorker(config, requireExternalEndpoints(config), createLogger(config.LOG_LEVEL), {
  workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
  deadlines: (receivedAt) => ({
    reminderAt: new Date(receivedAt.getTime() + reminder!),
    firstReplyDueAt: new Date(receivedAt.getTime() + due!),
    secondEscalationAt: new Date(receivedAt.getTime() + second!),
  }),
});
process.once('SIGTERM', () => void worker.stop().then(() => process.exit(0)));
await worker.running;
