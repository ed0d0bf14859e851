// `npm run -s db:diff [base-git-ref]`: prints the SQL that turns the schema at the base
// ref (default HEAD) into the working tree's prisma/schema.prisma, for a new migration.
// Prisma's JS engine cannot build a shadow database, so we diff two datamodels instead;
// it still wants a reachable database, which openDatabaseUrl provides.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../domain/config.js';
import { openDatabaseUrl } from './local-database.js';

const base = process.argv[2] ?? 'HEAD';
const previousSchema = path.join(mkdtempSync(path.join(os.tmpdir(), 'schema-')), 'schema.prisma');
writeFileSync(previousSchema, execFileSync('git', ['show', `${base}:prisma/schema.prisma`]));
const database = await openDatabaseUrl(parseConfig(process.env), () => undefined);
try {
  const sql = execFileSync(
    'npx',
    ['prisma', 'migrate', 'diff', '--from-schema-datamodel', previousSchema, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
    { env: { ...process.env, DATABASE_URL: database.url }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  process.stdout.write(sql);
} finally {
  await database.stop();
}
