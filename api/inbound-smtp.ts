// The capture address: coordinators put it in Bcc (or forward to it) and the conversation
// lands on the contact card. Accepts mail for the capture addresses only, so it is no relay.
import { BlockList, isIP } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { Logger } from 'pino';

export interface InboundSmtpOptions {
  port: number;
  host: string;
  captureAddresses: string[];
  maxBytes: number;
  /** Addresses or CIDR ranges of the mail relays that may connect (README, "Email"). */
  allowedClients: string[];
  maxConnections: number;
  logger: Logger;
  ingest: (raw: Buffer) => Promise<unknown>;
}

/** Accepts `127.0.0.1`, `::1`, `10.0.0.0/8`, `2001:db8::/32`. */
export function clientAllowList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

export async function startInboundSmtp(options: InboundSmtpOptions) {
  const capture = new Set(options.captureAddresses.map((address) => address.toLowerCase()));
  const allowed = clientAllowList(options.allowedClients);
  const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });
  const serverOptions: SMTPServerOptions = {
    name: 'inflyttarvagledning',
    banner: 'Inflyttarvägledning dialog capture',
    // Runs behind the organisation's mail system (see README); it relays to us in clear on an internal port.
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    disableReverseLookup: true,
    // Advertised in EHLO: a client that declares a larger SIZE is refused before it sends anything.
    size: options.maxBytes,
    logger: false,
    onConnect(session, callback) {
      const address = session.remoteAddress;
      if (!allowed.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4')) {
        return callback(smtpError('Connections are accepted from the configured mail relays only', 554));
      }
      // server.connections includes this one.
      if (server.connections.size > options.maxConnections) {
        return callback(smtpError('Too many connections, try again later', 421));
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (capture.has(address.address.toLowerCase())) return callback();
      callback(smtpError(`No mailbox here for ${address.address}`, 550));
    },
    onData(stream, _session, callback) {
      // Past the limit the rest is read and dropped, never held, so an oversized
      // message costs no memory; SMTP only allows the answer after the final dot.
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= options.maxBytes) chunks.push(chunk);
        else chunks.length = 0;
      });
      stream.on('end', () => {
        if (bytes > options.maxBytes || (stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(smtpError('Message exceeds the maximum message size', 552));
        }
        options
          .ingest(Buffer.concat(chunks))
          .then(() => callback())
          .catch((error: Error) => {
            options.logger.error({ errorName: error.name }, 'inbound email not stored; the sender will retry');
            callback(smtpError('Temporary failure, try again later', 451));
          });
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  server.on('error', (error) => options.logger.warn({ errorName: error.name }, 'inbound SMTP error'));
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
