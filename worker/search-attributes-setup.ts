import { Connection, type ConnectionOptions } from '@temporalio/client';
import type { Logger } from 'pino';
import proto from '@temporalio/proto';
import { CASE_SEARCH_ATTRIBUTES } from '../workflows/search-attributes.js';

/**
 * Registers the case search attributes that the namespace lacks. The dev server only
 * takes them by flag when it creates its database, so an existing `.data/` needs this.
 * Temporal Cloud does not allow it through the API: there they are created with tcld.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = CASE_SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, proto.temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}`]])),
  });
  return missing.map((key) => key.name);
}

/** At start-up: registers what is missing, and on Temporal Cloud (where the API may not) says how. */
export async function registerSearchAttributesAtStart(options: ConnectionOptions, namespace: string, logger: Logger) {
  const connection = await Connection.connect(options);
  try {
    const added = await ensureSearchAttributes(connection, namespace);
    if (added.length) logger.info({ added }, 'search attributes registered');
  } catch (error) {
    logger.warn({ errorName: (error as Error).name }, 'could not register search attributes (on Temporal Cloud, use tcld)');
  } finally {
    await connection.close();
  }
}
