// Prisma CLI configuration. The JavaScript engine keeps `prisma generate` and
// `prisma migrate diff` offline (see README, "Database"); migrations are applied by
// scripts/migrate.ts, which records them in Prisma's own _prisma_migrations table.
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

const connectionString = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:54329/inflyttarvagledning';
process.env.DATABASE_URL ??= connectionString;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString }),
});
