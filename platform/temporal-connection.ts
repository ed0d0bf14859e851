import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';
import type { NativeConnectionOptions } from '@temporalio/worker';
import type { Config } from '../domain/config.js';

/** Same options for the client and the worker: a dev server, a cluster with mTLS, or Temporal Cloud with an API key. */
export function temporalConnectionOptions(
  config: Pick<Config, 'TEMPORAL_API_KEY' | 'TEMPORAL_TLS' | 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY'>,
  address: string,
): ConnectionOptions & NativeConnectionOptions {
  const clientCert =
    config.TEMPORAL_TLS_CERT && config.TEMPORAL_TLS_KEY
      ? { crt: readFileSync(config.TEMPORAL_TLS_CERT), key: readFileSync(config.TEMPORAL_TLS_KEY) }
      : undefined;
  const tls = clientCert ? { clientCertPair: clientCert } : config.TEMPORAL_TLS || config.TEMPORAL_API_KEY ? true : undefined;
  return { address, tls, apiKey: config.TEMPORAL_API_KEY };
}
