// Finds the Temporal CLI (which embeds the dev server and Web UI), or builds the pinned
// official release from the Go module proxy. Never downloads from a vendor site.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);

/** Newest release whose go.mod the Go module proxy can resolve (see README, "Temporal"). */
export const TEMPORAL_CLI_VERSION = '1.5.1';
const MODULE = 'github.com/temporalio/cli/cmd/temporal';

export function temporalCliCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const cacheRoot = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cacheRoot, 'inflyttarvagledning', `temporal-cli-${TEMPORAL_CLI_VERSION}`);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(binary: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

const HOW_TO_INSTALL = `Install the Temporal CLI and put it on PATH (https://docs.temporal.io/cli#install,
e.g. "brew install temporal"), or point TEMPORAL_CLI at the binary, or install Go >= 1.25
so that this script can build temporal v${TEMPORAL_CLI_VERSION} from the Go module proxy.`;

export async function resolveTemporalCli(options: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {}) {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  if (env.TEMPORAL_CLI) {
    if (!isExecutable(env.TEMPORAL_CLI)) throw new Error(`TEMPORAL_CLI=${env.TEMPORAL_CLI} is not an executable file`);
    return env.TEMPORAL_CLI;
  }
  const onPath = findOnPath('temporal', env);
  if (onPath) return onPath;

  const cacheDir = temporalCliCacheDir(env);
  const cached = path.join(cacheDir, 'temporal');
  if (isExecutable(cached)) return cached;

  const go = findOnPath('go', env) ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) throw new Error(`The Temporal CLI was not found.\n${HOW_TO_INSTALL}`);

  log(`Building Temporal CLI v${TEMPORAL_CLI_VERSION} with Go into ${cacheDir} (a few minutes, once per machine)…`);
  const staging = path.join(cacheDir, `staging-${process.pid}`);
  mkdirSync(staging, { recursive: true });
  try {
    await run(
      go,
      [
        'install',
        '-trimpath',
        '-ldflags',
        `-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
        `${MODULE}@v${TEMPORAL_CLI_VERSION}`,
      ],
      { env: { ...env, CGO_ENABLED: '0', GOBIN: staging }, maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    throw new Error(`Building the Temporal CLI failed: ${(error as Error).message}\n${HOW_TO_INSTALL}`, { cause: error });
  }
  // Rename is atomic, so a concurrent start never sees a half-written binary.
  renameSync(path.join(staging, 'temporal'), cached);
  rmSync(staging, { recursive: true, force: true });
  return cached;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  resolveTemporalCli({ log: (line) => console.error(line) })
    .then(async (cli) => {
      const { stdout } = await run(cli, ['--version']);
      console.log(`${cli}\n${stdout.trim()}`);
    })
    .catch((error: Error) => {
      console.error(error.message);
      process.exit(1);
    });
}
