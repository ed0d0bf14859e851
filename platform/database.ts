import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../prisma/generated/client.js';

export type Database = PrismaClient;

/** One pool per process; the adapter keeps Prisma free of engine binaries. */
export function createDatabase(databaseUrl: string, poolSize = 10): Database {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }) });
}
