/**
 * A fake Slack Socket Mode endpoint on 127.0.0.1: a minimal WebSocket server
 * on node:http (RFC 6455 handshake, text, ping/pong and close frames) that
 * says hello, pushes envelopes to the connected client and records its acks.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface FakeSocketMode {
  url: string;
  /** Frames the client sent, parsed as JSON (acks carry envelope_id). */
  received: Record<string, unknown>[];
  connected(): Promise<void>;
  send(envelope: Record<string, unknown>): void;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head =
    len < 126
      ? Buffer.from([0x80 | opcode, len])
      : len < 65536
        ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff])
        : (() => {
            const b = Buffer.alloc(10);
            b[0] = 0x80 | opcode;
            b[1] = 127;
            b.writeBigUInt64BE(BigInt(len), 2);
            return b;
          })();
  return Buffer.concat([head, payload]);
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const received: Record<string, unknown>[] = [];
  let socket: Duplex | null = null;
  let onConnect: (() => void) | null = null;
  const sockets = new Set<Duplex>();
  const server: Server = createServer((_req, res) => {
    res.statusCode = 426;
    res.end();
  });
  server.on('upgrade', (req, sock) => {
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1')
      .update(key + GUID)
      .digest('base64');
    sock.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => sockets.delete(sock));
    socket = sock;
    let buf = Buffer.alloc(0);
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (buf.length < 2) return;
        const opcode = (buf[0] ?? 0) & 0x0f;
        let len = (buf[1] ?? 0) & 0x7f;
        let offset = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          offset = 4;
        } else if (len === 127) {
          if (buf.length < 10) return;
          len = Number(buf.readBigUInt64BE(2));
          offset = 10;
        }
        // Client frames are always masked.
        if (buf.length < offset + 4 + len) return;
        const mask = buf.subarray(offset, offset + 4);
        const payload = Buffer.from(buf.subarray(offset + 4, offset + 4 + len));
        for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
        buf = buf.subarray(offset + 4 + len);
        if (opcode === 0x1) received.push(JSON.parse(payload.toString('utf8')));
        else if (opcode === 0x9) sock.write(frame(0xa, payload));
        else if (opcode === 0x8) {
          sock.end(frame(0x8, payload));
        }
      }
    });
    sock.write(
      frame(
        0x1,
        Buffer.from(
          JSON.stringify({
            type: 'hello',
            num_connections: 1,
            debug_info: { host: 'fake', approximate_connection_time: 3600 },
            connection_info: { app_id: 'A1' },
          }),
        ),
      ),
    );
    onConnect?.();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
  return {
    url,
    received,
    connected: () =>
      socket
        ? Promise.resolve()
        : new Promise((resolve) => {
            onConnect = resolve;
          }),
    send: (envelope) => {
      if (!socket) throw new Error('no Socket Mode client connected');
      socket.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
    },
    waitForAck: async (envelopeId, timeoutMs = 10_000) => {
      const end = Date.now() + timeoutMs;
      while (!received.some((m) => m.envelope_id === envelopeId)) {
        if (Date.now() > end) throw new Error(`no ack for ${envelopeId}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
