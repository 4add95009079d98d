/**
 * Environment configuration: the only reader of process.env. Validated with zod
 * at start-up; a bad value is a clear error naming the variable.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { CodedError } from '../core/errors.js';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const EnvSchema = z.object({
  AVROPSBOT_KNOWLEDGE_DIR: optional,
  AVROPSBOT_DATA_DIR: optional,
  AVROPSBOT_NOW: optional,
  DATABASE_URL: optional.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'ska börja med postgres://'),
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: optional.refine((v) => v === undefined || /^https?:\/\//.test(v), 'ska vara en http(s)-adress'),
  OPENAI_CHAT_MODEL: optional,
  OPENAI_EMBEDDING_MODEL: optional,
  OPENAI_TIMEOUT_MS: optional.refine((v) => v === undefined || /^\d+$/.test(v), 'ska vara ett heltal (millisekunder)'),
  OPENAI_MAX_RETRIES: optional.refine((v) => v === undefined || /^\d+$/.test(v), 'ska vara ett heltal'),
  OPENAI_API_VERSION: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: optional,
  MICROSOFT_APP_ID: optional,
  MICROSOFT_APP_PASSWORD: optional,
  MICROSOFT_APP_TENANT_ID: optional,
  MICROSOFT_APP_TYPE: optional.refine(
    (v) => v === undefined || ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(v),
    'ska vara MultiTenant, SingleTenant eller UserAssignedMSI',
  ),
  ADMIN_TOKEN: optional.refine((v) => v === undefined || v.length >= 16, 'ska vara minst 16 tecken'),
  PORT: optional.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) < 65536), 'ska vara ett portnummer'),
  TRUST_PROXY: optional.refine(
    (v) => v === undefined || parseTrustProxy(v) !== null,
    'ska vara true, false, ett antal proxysteg (t.ex. 1) eller en kommaseparerad lista med adresser/nät (t.ex. 10.0.0.0/8, loopback)',
  ),
  LOG_LEVEL: optional.refine(
    (v) => v === undefined || ['debug', 'info', 'warn', 'error', 'silent'].includes(v),
    'ska vara debug, info, warn, error eller silent',
  ),
});

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
  databaseUrl?: string;
  openai?: OpenAiConfig;
  slack?: { botToken: string; signingSecret: string; appToken?: string; apiUrl?: string };
  teams: { appId?: string; appPassword?: string; tenantId?: string; appType?: string };
  adminToken?: string;
  /** Express `trust proxy` (TRUST_PROXY): false unless the server is behind a reverse proxy. */
  trustProxy: boolean | number | string[];
  port: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** LOG_LEVEL was set explicitly (the CLI is quieter by default). */
  logLevelSet: boolean;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CodedError('config_invalid', `Miljövariabeln ${issue?.path.join('.')} är ogiltig: ${issue?.message}.`);
  }
  const e = parsed.data;
  if ((e.SLACK_BOT_TOKEN === undefined) !== (e.SLACK_SIGNING_SECRET === undefined) && !e.SLACK_APP_TOKEN) {
    throw new CodedError('config_invalid', 'Slack kräver både SLACK_BOT_TOKEN och SLACK_SIGNING_SECRET.');
  }
  return {
    knowledgeDir: e.AVROPSBOT_KNOWLEDGE_DIR,
    dataDir: e.AVROPSBOT_DATA_DIR,
    now: e.AVROPSBOT_NOW,
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
    },
    adminToken: e.ADMIN_TOKEN,
    trustProxy: e.TRUST_PROXY === undefined ? false : (parseTrustProxy(e.TRUST_PROXY) ?? false),
    port: Number(e.PORT ?? 3978),
    logLevel: (e.LOG_LEVEL ?? 'info') as EnvConfig['logLevel'],
    logLevelSet: e.LOG_LEVEL !== undefined,
  };
}
