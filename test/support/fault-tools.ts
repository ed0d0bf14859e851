// Tools for fault tests: a TCP proxy that can cut a connection path, and an SMTP server
// that can be down, refuse, or hold a message, counting only what it accepted.
import net from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './free-port.js';

export async function startCuttableProxy(target: { host: string; port: number }) {
  let up = true;
  let paused = false;
  const sockets = new Set<net.Socket>();
  const pairs = new Set<[net.Socket, net.Socket]>();
  const server = net.createServer((client) => {
    if (!up) return client.destroy();
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.on('close', () => pairs.delete(pair));
    if (!paused) client.pipe(upstream).pipe(client);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    port,
    cut() {
      up = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      up = true;
    },
    /** Connections stay open but nothing passes: a dependency that hangs (SIGSTOP, a full disk). */
    pause() {
      paused = true;
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
      }
    },
    resume() {
      paused = false;
      for (const [client, upstream] of pairs) client.pipe(upstream).pipe(client);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface AcceptedMessage {
  to: string[];
  subject: string;
}

/** An SMTP server on a fixed port that the test starts and stops; it counts accepted messages. */
export async function createControllableSmtp(options: { holdWhen?: (subject: string) => boolean } = {}) {
  const port = await freePort();
  const accepted: AcceptedMessage[] = [];
  let held: { release: (accept: boolean) => void } | undefined;
  let heldOnce = false;
  let server: SMTPServer | undefined;
  let onHeld: (() => void) | undefined;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    heldMessage: () => new Promise<void>((resolve) => (held ? resolve() : (onHeld = resolve))),
    release(accept: boolean) {
      held?.release(accept);
      held = undefined;
    },
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['AUTH', 'STARTTLS'],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            void simpleParser(Buffer.concat(chunks)).then((parsed) => {
              const message = { to: session.envelope.rcptTo.map((rcpt) => rcpt.address), subject: parsed.subject ?? '' };
              const accept = () => {
                accepted.push(message);
                callback();
              };
              // Only the first matching message is held; a resend goes through.
              if (options.holdWhen?.(message.subject) && !heldOnce) {
                heldOnce = true;
                held = { release: (ok) => (ok ? accept() : callback(Object.assign(new Error('dropped'), { responseCode: 421 }))) };
                onHeld?.();
                return;
              }
              accept();
            });
          });
        },
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', () => resolve()));
    },
    async stop() {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    },
  };
}
