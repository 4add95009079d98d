/**
 * A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1
 * for the sign-in tests: authorization code flow with PKCE required, its own
 * development login page (any password; the login name is the account id) and
 * consent page, and ID tokens carrying name, e-mail and groups as Entra ID's do.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  name: string;
  email: string;
  groups?: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers the app's callback (known only once the app listens) and starts answering. */
  start(redirectUri: string): void;
  close(): Promise<void>;
}

export const TEST_CLIENT_ID = 'avropsbot-admin';
export const TEST_CLIENT_SECRET = 'test-oidc-client-secret-5b1e0c9d7a';

/** Listens first (the issuer must name its port), answers once `start` has the app's callback. */
export async function startTestOidcProvider(accounts: Record<string, TestAccount>): Promise<TestOidcProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    start(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: TEST_CLIENT_ID,
            client_secret: TEST_CLIENT_SECRET,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        pkce: { required: () => true },
        // Claims in the ID token itself, as Entra ID sends them (the app reads no userinfo).
        conformIdTokenClaims: false,
        claims: {
          openid: ['sub', 'groups'],
          email: ['email', 'email_verified'],
          profile: ['name'],
        },
        cookies: { keys: ['test-oidc-cookie-key-0d6c1f'] },
        findAccount: async (_ctx, sub) => {
          const account = accounts[sub];
          if (!account) return undefined;
          return {
            accountId: sub,
            claims: async () => ({
              sub,
              name: account.name,
              email: account.email,
              email_verified: true,
              ...(account.groups ? { groups: account.groups } : {}),
            }),
          };
        },
      });
      // Quiet: the development-only interaction warnings are expected here.
      provider.on('server_error', () => {});
      handler = provider.callback();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
