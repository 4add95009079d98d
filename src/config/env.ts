/**
 * Environment configuration: the only reader of process.env. Checked at
 * start-up; a bad value is a clear error naming the variable. The checks are
 * plain functions rather than a schema library: every command reads the
 * environment, `ask` and `--help` included, and loading zod cost more
 * start-up time than everything else `--help` does.
 */
import { createRequire } from 'node:module';
import { CodedError } from '../core/errors.js';

/**
 * node:net's isIP, required on first use: only TRUST_PROXY's addresses need it, and loading
 * node:net cost every command ~2 ms of start-up.
 */
function isIP(address: string): number {
  const { isIP: check } = createRequire(import.meta.url)('node:net') as typeof import('node:net');
  return check(address);
}

/** A variable's check and, when it fails, what the value should be (Swedish). */
interface EnvRule {
  ok: (value: string) => boolean;
  message: string;
}

/**
 * Every variable read, in the order they are checked (the first bad one is
 * reported). null: any value will do. A value of only spaces counts as unset.
 */
const ENV_RULES: Record<string, EnvRule | null> = {
  AVROPSBOT_KNOWLEDGE_DIR: null,
  AVROPSBOT_DATA_DIR: null,
  AVROPSBOT_NOW: null,
  AVROPSBOT_INDEX_CACHE: {
    ok: (v) => /^\d+$/.test(v) && Number(v) >= 1,
    message: 'ska vara ett heltal, minst 1 (hur många avrops index som hålls i minnet)',
  },
  DATABASE_URL: { ok: (v) => /^postgres(ql)?:\/\//.test(v), message: 'ska börja med postgres://' },
  OPENAI_API_KEY: null,
  OPENAI_BASE_URL: { ok: (v) => /^https?:\/\//.test(v), message: 'ska vara en http(s)-adress' },
  OPENAI_CHAT_MODEL: null,
  OPENAI_EMBEDDING_MODEL: null,
  OPENAI_TIMEOUT_MS: { ok: (v) => /^\d+$/.test(v), message: 'ska vara ett heltal (millisekunder)' },
  OPENAI_MAX_RETRIES: { ok: (v) => /^\d+$/.test(v), message: 'ska vara ett heltal' },
  OPENAI_API_VERSION: null,
  SLACK_BOT_TOKEN: null,
  SLACK_SIGNING_SECRET: null,
  SLACK_APP_TOKEN: null,
  SLACK_API_URL: null,
  MICROSOFT_APP_ID: null,
  MICROSOFT_APP_PASSWORD: null,
  MICROSOFT_APP_TENANT_ID: null,
  MICROSOFT_APP_TYPE: {
    ok: (v) => ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(v),
    message: 'ska vara MultiTenant, SingleTenant eller UserAssignedMSI',
  },
  TEAMS_ALLOW_UNAUTHENTICATED: {
    ok: (v) => v === '0' || v === '1',
    message: 'ska vara 1 (Teams utan autentisering, endast lokal test) eller 0',
  },
  TEAMS_SERVICE_URL: { ok: (v) => /^https?:\/\/[^\s]+$/.test(v), message: 'ska vara en http(s)-adress' },
  ADMIN_TOKEN: { ok: (v) => v.length >= 16, message: 'ska vara minst 16 tecken' },
  OIDC_ISSUER_URL: { ok: (v) => /^https?:\/\/[^\s]+$/.test(v), message: 'ska vara en http(s)-adress' },
  OIDC_CLIENT_ID: null,
  OIDC_CLIENT_SECRET: null,
  OIDC_ALLOWED: {
    ok: (v) => parseOidcAllowed(v).length > 0,
    message: 'ska vara en kommaseparerad lista med e-postdomäner (t.ex. myndighet.se) eller grupp-id',
  },
  PORT: { ok: (v) => /^\d+$/.test(v) && Number(v) < 65536, message: 'ska vara ett portnummer' },
  TRUST_PROXY: {
    ok: (v) => parseTrustProxy(v) !== null,
    message:
      'ska vara true, false, ett antal proxysteg (t.ex. 1) eller en kommaseparerad lista med adresser/nät (t.ex. 10.0.0.0/8, loopback)',
  },
  LOG_LEVEL: {
    ok: (v) => ['debug', 'info', 'warn', 'error', 'silent'].includes(v),
    message: 'ska vara debug, info, warn, error eller silent',
  },
};

type EnvName = keyof typeof ENV_RULES;

/** The variables trimmed (blank ones unset), or a Swedish error naming the first bad one. */
function checkedEnv(env: NodeJS.ProcessEnv): Record<EnvName, string | undefined> {
  const out: Record<EnvName, string | undefined> = {};
  for (const [name, rule] of Object.entries(ENV_RULES)) {
    const raw = env[name];
    const value = raw === undefined || raw.trim() === '' ? undefined : raw.trim();
    if (value !== undefined && rule && !rule.ok(value)) {
      throw new CodedError('config_invalid', `Miljövariabeln ${name} är ogiltig: ${rule.message}.`);
    }
    out[name] = value;
  }
  return out;
}

/** Express's named subnets for `trust proxy`. */
const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(item: string): boolean {
  if (NAMED_SUBNETS.has(item)) return true;
  const [address = '', prefix, ...rest] = item.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  // A prefix length, or for IPv4 a netmask ("10.0.0.0/255.0.0.0"), as Express accepts.
  if (/^\d{1,3}$/.test(prefix)) return Number(prefix) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(prefix) === 4;
}

/**
 * TRUST_PROXY as Express's `trust proxy` setting: true/false, a number of
 * proxy hops, or a list of proxy addresses and subnets. Null when invalid.
 */
export function parseTrustProxy(value: string): boolean | number | string[] | null {
  const v = value.trim();
  if (/^(?:true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  if (/^\d+$/.test(v)) return Number(v) <= 1000 ? Number(v) : null;
  const items = v.split(',').map((s) => s.trim());
  return items.length > 0 && items.every(isAddressOrSubnet) ? items : null;
}

/** OIDC_ALLOWED: comma-separated e-mail domains or group ids, blanks dropped. */
export function parseOidcAllowed(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Sign-in to /admin through OpenID Connect (authorization code flow with PKCE). */
export interface OidcConfig {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** E-mail domains (lower case, no "@") or group ids; a user matching none is refused. */
  allowed: string[];
}

const OIDC_VARS = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ALLOWED'] as const;

/** All four OIDC variables or none: half a configuration would either lock out or let in everyone. */
function oidcFrom(e: Record<string, string | undefined>): OidcConfig | undefined {
  const missing = OIDC_VARS.filter((name) => e[name] === undefined);
  if (missing.length === OIDC_VARS.length) return undefined;
  if (missing.length > 0) {
    throw new CodedError(
      'config_invalid',
      `Inloggning med OpenID Connect kräver ${OIDC_VARS.join(', ')}; saknas: ${missing.join(', ')}.`,
    );
  }
  return {
    issuerUrl: e.OIDC_ISSUER_URL ?? '',
    clientId: e.OIDC_CLIENT_ID ?? '',
    clientSecret: e.OIDC_CLIENT_SECRET ?? '',
    allowed: parseOidcAllowed(e.OIDC_ALLOWED ?? '').map((a) => a.replace(/^@/, '')),
  };
}

export interface OpenAiConfig {
  apiKey: string;
  baseUrl?: string;
  chatModel: string;
  embeddingModel: string;
  timeoutMs: number;
  maxRetries: number;
  /** Azure OpenAI with deployment-style URLs only; Azure's /openai/v1 endpoint needs none. */
  azure?: { apiVersion: string };
}

export interface EnvConfig {
  knowledgeDir?: string;
  dataDir?: string;
  now?: string;
  /** How many call-offs' indexes are kept in memory (AVROPSBOT_INDEX_CACHE); the least recently used goes first. */
  indexCache?: number;
  databaseUrl?: string;
  openai?: OpenAiConfig;
  slack?: { botToken: string; signingSecret: string; appToken?: string; apiUrl?: string };
  /**
   * Teams is on with an app id; without one only when `allowUnauthenticated`
   * (TEAMS_ALLOW_UNAUTHENTICATED=1, local testing: loopback service URLs only).
   */
  teams: {
    appId?: string;
    appPassword?: string;
    tenantId?: string;
    appType?: string;
    allowUnauthenticated: boolean;
    /** TEAMS_SERVICE_URL: the Bot Connector through which publications reach the listed conversations. */
    serviceUrl?: string;
  };
  adminToken?: string;
  /** Named officers' sign-in to /admin (OIDC_*); absent: ADMIN_TOKEN only. */
  oidc?: OidcConfig;
  /** Express `trust proxy` (TRUST_PROXY): false unless the server is behind a reverse proxy. */
  trustProxy: boolean | number | string[];
  port: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** LOG_LEVEL was set explicitly (the CLI is quieter by default). */
  logLevelSet: boolean;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const e = checkedEnv(env);
  if ((e.SLACK_BOT_TOKEN === undefined) !== (e.SLACK_SIGNING_SECRET === undefined) && !e.SLACK_APP_TOKEN) {
    throw new CodedError('config_invalid', 'Slack kräver både SLACK_BOT_TOKEN och SLACK_SIGNING_SECRET.');
  }
  return {
    knowledgeDir: e.AVROPSBOT_KNOWLEDGE_DIR,
    dataDir: e.AVROPSBOT_DATA_DIR,
    now: e.AVROPSBOT_NOW,
    indexCache: e.AVROPSBOT_INDEX_CACHE === undefined ? undefined : Number(e.AVROPSBOT_INDEX_CACHE),
    databaseUrl: e.DATABASE_URL,
    openai: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseUrl: e.OPENAI_BASE_URL,
          chatModel: e.OPENAI_CHAT_MODEL ?? 'gpt-4o-mini',
          embeddingModel: e.OPENAI_EMBEDDING_MODEL ?? 'text-embedding-3-small',
          timeoutMs: Number(e.OPENAI_TIMEOUT_MS ?? 20_000),
          maxRetries: Number(e.OPENAI_MAX_RETRIES ?? 1),
          ...(e.OPENAI_API_VERSION ? { azure: { apiVersion: e.OPENAI_API_VERSION } } : {}),
        }
      : undefined,
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET ?? '',
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
        }
      : undefined,
    teams: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
      allowUnauthenticated: e.TEAMS_ALLOW_UNAUTHENTICATED === '1',
      ...(e.TEAMS_SERVICE_URL ? { serviceUrl: e.TEAMS_SERVICE_URL } : {}),
    },
    adminToken: e.ADMIN_TOKEN,
    oidc: oidcFrom(e),
    trustProxy: e.TRUST_PROXY === undefined ? false : (parseTrustProxy(e.TRUST_PROXY) ?? false),
    port: Number(e.PORT ?? 3978),
    logLevel: (e.LOG_LEVEL ?? 'info') as EnvConfig['logLevel'],
    logLevelSet: e.LOG_LEVEL !== undefined,
  };
}
