/**
 * The PostgreSQL test server for the suites that run on it (register,
 * admin sign-out): TEST_DATABASE_URL, or else the run's throwaway server
 * (test/support/postgres.ts), a URL per fresh schema, an administrative query,
 * and a relay that can be cut to play a lost database.
 */
import net from 'node:net';
import pg from 'pg';
import { testDatabaseUrl } from '../support/postgres.js';

export const BASE_URL = await testDatabaseUrl();

export function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('schema', schema);
  return u.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: BASE_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A TCP relay to the test server that can be cut and restored, to play a lost database connection. */
export async function startRelay(port = 0): Promise<{ port: number; cut(): Promise<void> }> {
  const upstream = new URL(BASE_URL);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const toServer = net.connect(Number(upstream.port || 5432), upstream.hostname || '127.0.0.1');
    for (const s of [client, toServer]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(toServer).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
