// As root, embedded PostgreSQL runs its binaries as the user postgres (they refuse to
// run as root). A clone in a private directory (e.g. under /root, mode 0700) is out of
// that user's reach and initdb fails with a bare "spawn … EACCES"; say so up front.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** A start-up condition the user has to change; its message is the whole story. */
export class StartupRefusal extends Error {}

function postgresIds(): { uid: number; gid: number } | undefined {
  try {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((entry) => entry.startsWith('postgres:'));
    const [, , uid, gid] = line?.split(':') ?? [];
    return line ? { uid: Number(uid), gid: Number(gid) } : undefined;
  } catch {
    return undefined;
  }
}

/** The first directory on the way to `target` that the postgres user cannot enter, if any. */
export function blockedForPostgres(target: string): string | undefined {
  const ids = postgresIds();
  let dir = path.resolve(target);
  const chain: string[] = [];
  for (;;) {
    chain.unshift(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const candidate of chain) {
    let stats;
    try {
      stats = statSync(candidate);
    } catch {
      break; // not created yet: created later by us, with a reachable mode
    }
    if (!stats.isDirectory()) continue;
    const mode = stats.mode;
    const enterable =
      (mode & 0o001) !== 0 ||
      (ids !== undefined && stats.uid === ids.uid && (mode & 0o100) !== 0) ||
      (ids !== undefined && stats.gid === ids.gid && (mode & 0o010) !== 0);
    if (!enterable) return candidate;
  }
  return undefined;
}

/** Only as root: refuses at once, in one line, when the postgres user cannot reach a path. */
export function assertPostgresCanReach(paths: string[]): void {
  if (process.getuid?.() !== 0) return;
  for (const target of paths) {
    const blocked = blockedForPostgres(target);
    if (blocked) {
      const mode = (statSync(blocked).mode & 0o777).toString(8).padStart(4, '0');
      throw new StartupRefusal(
        `Cannot start the embedded PostgreSQL: as root it runs as the user "postgres", who cannot enter ${blocked} (mode ${mode}) to reach ${target}. ` +
          `Run npm start as a normal user, or clone into a directory others can enter (e.g. /srv or /opt), or run "chmod o+x ${blocked}", or set DATABASE_URL to a PostgreSQL of your own.`,
      );
    }
  }
}
