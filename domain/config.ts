import { DURATION_PATTERN } from './duration.js';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const duration = z
  .string()
  .regex(DURATION_PATTERN, "expected a duration such as '21 days' or '1 hour'");
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const DEMO_COORDINATOR_DOMAIN = 'demo.inflyttarvagledning.local';
/** The Authentication-Results authserv-id a local demo message carries (README, "Email"). */
export const DEMO_AUTHSERV_ID = 'demo-relay.inflyttarvagledning.local';

/**
 * Every setting the product reads from the environment, with a safe local default.
 * Leaving DATABASE_URL, TEMPORAL_ADDRESS or SMTP_URL unset makes `npm start` run the
 * embedded PostgreSQL, Temporal dev server and mail catcher instead.
 */
export const configSchema = z
  .object({
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().min(1).default('.data'),
    PORT: port.default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),

    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    EMBEDDED_POSTGRES_PORT: port.default(54329),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** The API's bound on one query (and on getting a connection); past it the answer is 503. */
    API_DATABASE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
    /** Open SMTP connections of the outgoing mailer's pool (deadline bursts and campaigns send over them). */
    SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
    /**
     * Workflow executions the worker keeps in memory between tasks. Bounds the worker's
     * memory by this number rather than by the number of open cases; an evicted case is
     * replayed from its history on its next task.
     */
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(500),
    /**
     * `npm start` runs its worker as a separate process at this nice value (0–19), so on
     * one host the API's answers to people come before the worker's background work,
     * which only ever waits milliseconds. `npm run worker` on its own hosts ignores it.
     */
    WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),

    TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port').optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('inflyttarvagledning'),
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    TEMPORAL_TLS: flag.default(false),
    TEMPORAL_TLS_CERT: z.string().min(1).optional(),
    TEMPORAL_TLS_KEY: z.string().min(1).optional(),
    TEMPORAL_CLI: z.string().min(1).optional(),
    TEMPORAL_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
    /** Prepended to workflow ids, so that several deployments can share one namespace. */
    WORKFLOW_ID_PREFIX: z.string().regex(/^[a-z0-9-]*$/).default(''),

    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_SINK_SMTP_PORT: port.default(1025),
    MAIL_SINK_WEB_PORT: port.default(1080),
    MAIL_FROM: z.string().min(3).default('Inflyttarvägledning <noreply@inflyttarvagledning.local>'),

    /** The capture address coordinators Bcc or forward their conversations to (README, "Email"). */
    INBOUND_CAPTURE_ADDRESS: z.email().default('dialog@inflyttarvagledning.local'),
    /** 0 turns the SMTP capture listener off (e.g. when mail is pushed over HTTP). */
    INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
    /** Only senders at these domains can be coordinators: anyone can type a coordinator's address. */
    COORDINATOR_EMAIL_DOMAINS: z
      .string()
      .default(DEMO_COORDINATOR_DOMAIN)
      .transform((value) => value.split(',').map((domain) => domain.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'expected domain names separated by commas'))),
    /** Mail relays that may connect to the SMTP listener: addresses or CIDR ranges, comma-separated. */
    INBOUND_SMTP_ALLOWED_CLIENTS: z
      .string()
      .default('127.0.0.1,::1')
      .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
      .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], 'expected IP addresses or CIDR ranges separated by commas')).min(1)),
    INBOUND_SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(10_000).default(20),
    /**
     * authserv-ids (RFC 8601) of relays whose Authentication-Results header is believed.
     * Unset: none, except that the local demo's own authserv-id is believed while
     * COORDINATOR_EMAIL_DOMAINS is the demo domain, so that it can never vouch for a real one.
     */
    INBOUND_TRUSTED_AUTHSERV_IDS: z
      .string()
      .optional()
      .transform((value) => value?.split(',').map((id) => id.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[a-z0-9.-]+$/, 'expected host names separated by commas')).optional()),
    /** SHA-256 (hex) of the secret a mail system sends to POST /api/v1/inbound-email; unset turns the endpoint off. */
    INBOUND_EMAIL_INGEST_KEY_SHA256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'expected the hex SHA-256 of the mail-ingest key')
      .transform((value) => value.toLowerCase())
      .optional(),

    /** Cron in Europe/Stockholm time (MISSION.md §7: at least yearly). */
    REVIEW_SCHEDULE: z.string().regex(/^\S+( \S+){4}$/, 'expected a five-field cron expression').default('0 7 15 1 *'),
    RETENTION_SCHEDULE: z.string().regex(/^\S+( \S+){4}$/, 'expected a five-field cron expression').default('0 7 1 2 *'),
    REVIEW_REMIND_AFTER: duration.default('21 days'),
    REVIEW_CLOSE_AFTER: duration.default('56 days'),
    REVIEW_PROGRESS_REFRESH: duration.default('1 hour'),
    RETENTION_APPROVAL_TIMEOUT: duration.default('30 days'),
    RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),

    NEWSLETTER_BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(200),
    /** Keeps campaigns within what the SMTP relay accepts. */
    NEWSLETTER_MESSAGES_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(50),

    /** Browser origins of the intake forms (CORS), comma-separated. */
    INTAKE_FORM_ORIGINS: z
      .string()
      .default('http://localhost:3000')
      .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
      .pipe(z.array(z.url({ protocol: /^https?$/ }))),

    /** The same form (same person, same message, same choices) again within this window is the same case. */
    INTAKE_REPEAT_WINDOW: duration.default('10 minutes'),
    INTAKE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
    /** Intakes in progress per API instance; beyond it, 503 with Retry-After instead of a growing queue. */
    INTAKE_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(32),
    FAILED_AUTH_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
    /** Confirmation emails to any typed-in address: per client address. */
    NEWSLETTER_SUBSCRIBE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(10),
    /** Unconfirmed subscription requests are withdrawn and their data deleted after this. */
    NEWSLETTER_CONFIRMATION_EXPIRES_AFTER: duration.default('7 days'),
    /** Cron in Europe/Stockholm time for the sweep of expired subscription requests. */
    NEWSLETTER_EXPIRY_SCHEDULE: z.string().regex(/^\S+( \S+){4}$/, 'expected a five-field cron expression').default('30 3 * * *'),
    /**
     * Express "trust proxy": off, so the client address is the TCP peer. Behind a load
     * balancer set the number of proxies in front (e.g. 1) or their addresses, so the
     * address comes from X-Forwarded-For; otherwise every client shares one address.
     */
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((value): boolean | number | string[] => {
        if (['false', '0', 'no', 'off'].includes(value)) return false;
        if (['true', 'yes'].includes(value)) return true;
        if (/^\d+$/.test(value)) return Number(value);
        return value.split(',').map((entry) => entry.trim()).filter(Boolean);
      })
      .pipe(
        z.union([
          z.boolean(),
          z.number().int().min(1).max(10),
          z.array(z.string().regex(/^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/, 'expected a hop count, addresses or subnets')),
        ]),
      ),

    SEED_DEMO_DATA: flag.default(true),
  })
  .transform((config) => ({
    ...config,
    INBOUND_TRUSTED_AUTHSERV_IDS:
      config.INBOUND_TRUSTED_AUTHSERV_IDS ??
      (config.COORDINATOR_EMAIL_DOMAINS.join(',') === DEMO_COORDINATOR_DOMAIN ? [DEMO_AUTHSERV_ID] : []),
  }))
  .superRefine((config, ctx) => {
    if (Boolean(config.TEMPORAL_TLS_CERT) !== Boolean(config.TEMPORAL_TLS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TEMPORAL_TLS_CERT'],
        message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together',
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses the environment once; a wrong value names the variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(config)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}
