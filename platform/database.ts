import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../prisma/generated/client.js';

export type Database = PrismaClient;

export interface DatabaseOptions {
  /**
   * A query that gets no answer in this time fails (the API answers 503). Without it a
   * database that hangs, rather than refuses, holds every request open indefinitely.
   */
  queryTimeoutMs?: number;
}

/** One pool per process; the adapter keeps Prisma free of engine binaries. */
export function createDatabase(databaseUrl: string, poolSize = 10, options: DatabaseOptions = {}): Database {
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString: databaseUrl,
      max: poolSize,
      ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs, connectionTimeoutMillis: options.queryTimeoutMs } : {}),
    }),
  });
}
