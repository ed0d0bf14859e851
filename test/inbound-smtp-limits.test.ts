// Issue 12, item 11: the capture listener must not read an oversized message into
// memory, and must not serve unlimited parallel clients. Over real SMTP on loopback.
import net from 'node:net';
import { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInboundSmtp } from '../api/inbound-smtp.js';

const CAPTURE = 'dialog@capture.test.local';
const MAX_BYTES = 1024 * 1024;
const MAX_CONNECTIONS = 3;
const OVERSIZED_BYTES = 150 * 1024 * 1024;

let listener: Awaited<ReturnType<typeof startInboundSmtp>>;
const ingested: Buffer[] = [];

beforeAll(async () => {
  listener = await startInboundSmtp({
    port: 0,
    host: '127.0.0.1',
    captureAddresses: [CAPTURE],
    maxBytes: MAX_BYTES,
    allowedClients: ['127.0.0.1', '::1'],
    maxConnections: MAX_CONNECTIONS,
    logger: pino({ level: 'silent' }),
    ingest: async (raw) => ingested.push(raw),
  });
});
afterAll(async () => {
  await listener?.stop();
});

/** A message of about `bytes`, generated line by line from one reused buffer: the sender holds no copy. */
function generatedMessage(bytes: number): Readable {
  const line = Buffer.from(`${'x'.repeat(998)}\r\n`);
  let sent = 0;
  const header = Buffer.from(`From: guide@test.local\r\nTo: ${CAPTURE}\r\nSubject: stort\r\n\r\n`);
  let headerSent = false;
  return new Readable({
    read() {
      if (!headerSent) {
        headerSent = true;
        this.push(header);
        return;
      }
      if (sent >= bytes) return void this.push(null);
      sent += line.length;
      this.push(line);
    },
  });
}

function greeting(port: number): Promise<{ socket: net.Socket; line: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.once('data', (chunk) => resolve({ socket, line: String(chunk) }));
  });
}

describe('capture listener limits', () => {
  it('refuses a 150 MB message with 552 without holding it in memory', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const refused = await transport
        .sendMail({ envelope: { from: 'guide@test.local', to: [CAPTURE] }, raw: generatedMessage(OVERSIZED_BYTES) })
        .catch((error: { responseCode?: number }) => error);
      expect((refused as { responseCode?: number }).responseCode).toBe(552);
    } finally {
      clearInterval(sampler);
      transport.close();
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(ingested).toHaveLength(0);
    // Held whole, the message alone would add 150 MB.
    expect(peak - before).toBeLessThan(50 * 1024 * 1024);

    // A message within the limit still goes through on the same listener.
    const small = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
    await small.sendMail({ from: 'guide@test.local', to: CAPTURE, subject: 'litet', text: 'Hej' });
    small.close();
    expect(ingested).toHaveLength(1);
  });

  it('refuses connections over the cap with 421 and takes new ones once a slot is free', async () => {
    const open = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => greeting(listener.port)));
    try {
      expect(open.map((connection) => connection.line.slice(0, 4))).toEqual(Array(MAX_CONNECTIONS).fill('220 '));
      const over = await greeting(listener.port);
      expect(over.line).toMatch(/^421 /);
      await new Promise((resolve) => over.socket.once('close', resolve));

      const closed = open.pop()!;
      closed.socket.destroy();
      // The server notices the hang-up asynchronously: wait until a new client is served.
      let next = await greeting(listener.port);
      const deadline = Date.now() + 10_000;
      while (!next.line.startsWith('220 ') && Date.now() < deadline) {
        next.socket.destroy();
        await new Promise((resolve) => setTimeout(resolve, 100));
        next = await greeting(listener.port);
      }
      expect(next.line).toMatch(/^220 /);
      open.push(next);
    } finally {
      for (const connection of open) connection.socket.destroy();
    }
  });
});
