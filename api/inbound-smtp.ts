// The capture address: coordinators put it in Bcc (or forward to it) and the conversation
// lands on the contact card. Accepts mail for the capture addresses only, so it is no relay.
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { Logger } from 'pino';

export interface InboundSmtpOptions {
  port: number;
  host: string;
  captureAddresses: string[];
  maxBytes: number;
  logger: Logger;
  ingest: (raw: Buffer) => Promise<unknown>;
}

export async function startInboundSmtp(options: InboundSmtpOptions) {
  const capture = new Set(options.captureAddresses.map((address) => address.toLowerCase()));
  const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });
  const serverOptions: SMTPServerOptions = {
    name: 'inflyttarvagledning',
    banner: 'Inflyttarvägledning dialog capture',
    // Runs behind the organisation's mail system (see README); it relays to us in clear on an internal port.
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: options.maxBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (capture.has(address.address.toLowerCase())) return callback();
      callback(smtpError(`No mailbox here for ${address.address}`, 550));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(smtpError('Message too large', 552));
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
