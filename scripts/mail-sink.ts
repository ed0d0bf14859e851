// MailDev catches every email the product sends locally and shows it in a web inbox.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { isPortOpen, spawnService, waitUntil, type ServiceProcess } from './services.js';

const require = createRequire(import.meta.url);

export interface RunningMailSink extends ServiceProcess {
  smtpUrl: string;
  inboxUrl: string;
}

export async function startMailSink(options: {
  smtpPort: number;
  webPort: number;
  mailDir?: string;
  log: (line: string) => void;
}): Promise<RunningMailSink> {
  const maildev = path.join(path.dirname(require.resolve('maildev/package.json')), 'bin', 'maildev');
  const args = [maildev, '--smtp', String(options.smtpPort), '--web', String(options.webPort), '--ip', '127.0.0.1'];
  if (options.mailDir) {
    mkdirSync(options.mailDir, { recursive: true });
    args.push('--mail-directory', path.resolve(options.mailDir));
  }
  const service = spawnService('maildev', process.execPath, args, options.log);
  await waitUntil(
    'MailDev',
    async () => (await isPortOpen(options.smtpPort)) && (await isPortOpen(options.webPort)),
    30_000,
    service.child,
  );
  return {
    ...service,
    smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`,
    inboxUrl: `http://127.0.0.1:${options.webPort}`,
  };
}
