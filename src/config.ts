// Configuration comes from the environment, read once at start. Business rules live in the database.
import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  OTKLIK_DATA_DIR: z.string().default('./data'),
  OTKLIK_PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^\d+(kB|MB|GB)$/)
    .default('8MB'),
  OTKLIK_DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  OTKLIK_ADMIN_EMAIL: z.string().email().optional(),
  OTKLIK_ADMIN_PASSWORD: z.string().min(8).optional(),
  OTKLIK_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  OTKLIK_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  OTKLIK_SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  OTKLIK_COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  OTKLIK_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  OTKLIK_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(60),
  OTKLIK_LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  OTKLIK_LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(30),
  OTKLIK_LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  OTKLIK_SCHEDULER: z.enum(['on', 'off']).default('on'),
  OTKLIK_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  OTKLIK_MAIL_FROM: z.string().trim().min(3).max(320).default('otklik@localhost'),
  OTKLIK_OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(2_000),
  OTKLIK_OUTBOX_LEASE_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(300_000),
  OTKLIK_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  OTKLIK_SMTP_HOST: z.string().optional(),
  OTKLIK_SMTP_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(40 * 1024 * 1024),
  OTKLIK_SMTP_TLS_KEY: z.string().optional(),
  OTKLIK_SMTP_TLS_CERT: z.string().optional(),
  OTKLIK_SURVEY_SECRET: z.string().min(32).optional(),
  OTKLIK_PUBLIC_URL: z.string().url().optional(),
  OTKLIK_KIOSK_LINK_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  OTKLIK_KIOSK_LINK_MAX_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  dbPoolSize: number;
  pgliteSharedBuffers: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  attachmentMaxBytes: number;
  bodyLimitBytes: number;
  sessionTtlHours: number;
  cookieSecure: boolean;
  /** Login requests per client address and minute, whatever their outcome: a flood guard. */
  loginRatePerMinute: number;
  /**
   * Failed logins within the window that lock an e-mail at one client address, and that lock an address for every
   * e-mail (against password spraying); the window slides, so a lock lifts as its oldest failure ages out.
   */
  loginFailuresPerAccount: number;
  loginFailuresPerAddress: number;
  loginFailureWindowMinutes: number;
  trustProxy: boolean;
  logLevel: string;
  /** Whether this process runs background jobs (the SLA scan among them), and how often it looks for due ones. */
  schedulerEnabled: boolean;
  schedulerIntervalMs: number;
  /** The From of mail sent without a mailbox ("otklik@example.com" or "Otklik <otklik@example.com>"). */
  mailFrom: string;
  /**
   * How often the outbox sender looks for due mail, and how long a claimed row is its alone before another may
   * retry it.
   */
  outboxIntervalMs: number;
  outboxLeaseMs: number;
  /** Otklik's own SMTP listener for inbound mail: off unless a port is given; STARTTLS with a key and certificate. */
  smtp: {
    port: number | undefined;
    host: string;
    maxBytes: number;
    tlsKey: string | undefined;
    tlsCert: string | undefined;
  };
  /**
   * Signs survey links; unset, one is generated into the data directory on first use (set it when several
   * processes serve).
   */
  surveySecret: string | undefined;
  /** The address customers reach Otklik at, for links in mail (survey invitations). */
  publicUrl: string;
  /** How long a kiosk link works when its maker names no expiry, and the longest it may be made to work. */
  kioskLinkDays: number;
  kioskLinkMaxDays: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  if (values.OTKLIK_KIOSK_LINK_DAYS > values.OTKLIK_KIOSK_LINK_MAX_DAYS) {
    throw new Error('Invalid configuration:\n  OTKLIK_KIOSK_LINK_DAYS: must not exceed OTKLIK_KIOSK_LINK_MAX_DAYS');
  }
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    dataDir: path.resolve(values.OTKLIK_DATA_DIR),
    dbPoolSize: values.OTKLIK_DB_POOL_SIZE,
    pgliteSharedBuffers: values.OTKLIK_PGLITE_SHARED_BUFFERS,
    adminEmail: values.OTKLIK_ADMIN_EMAIL,
    adminPassword: values.OTKLIK_ADMIN_PASSWORD,
    attachmentMaxBytes: values.OTKLIK_ATTACHMENT_MAX_BYTES,
    bodyLimitBytes: values.OTKLIK_BODY_LIMIT_BYTES,
    sessionTtlHours: values.OTKLIK_SESSION_TTL_HOURS,
    cookieSecure: values.OTKLIK_COOKIE_SECURE === 'true',
    loginRatePerMinute: values.OTKLIK_LOGIN_RATE_PER_MINUTE,
    loginFailuresPerAccount: values.OTKLIK_LOGIN_FAILURES_PER_ACCOUNT,
    loginFailuresPerAddress: values.OTKLIK_LOGIN_FAILURES_PER_ADDRESS,
    loginFailureWindowMinutes: values.OTKLIK_LOGIN_FAILURE_WINDOW_MINUTES,
    trustProxy: values.OTKLIK_TRUST_PROXY === 'true',
    logLevel: values.LOG_LEVEL,
    schedulerEnabled: values.OTKLIK_SCHEDULER === 'on',
    schedulerIntervalMs: values.OTKLIK_SCHEDULER_INTERVAL_MS,
    mailFrom: values.OTKLIK_MAIL_FROM,
    outboxIntervalMs: values.OTKLIK_OUTBOX_INTERVAL_MS,
    outboxLeaseMs: values.OTKLIK_OUTBOX_LEASE_MS,
    surveySecret: values.OTKLIK_SURVEY_SECRET,
    publicUrl: (values.OTKLIK_PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, ''),
    kioskLinkDays: values.OTKLIK_KIOSK_LINK_DAYS,
    kioskLinkMaxDays: values.OTKLIK_KIOSK_LINK_MAX_DAYS,
    smtp: {
      port: values.OTKLIK_SMTP_PORT,
      host: values.OTKLIK_SMTP_HOST ?? values.HOST,
      maxBytes: values.OTKLIK_SMTP_MAX_BYTES,
      tlsKey: values.OTKLIK_SMTP_TLS_KEY,
      tlsCert: values.OTKLIK_SMTP_TLS_CERT,
    },
  };
}
