import path from "node:path";
import { z } from "zod";

/**
 * A signed-in session with no request for this long ends, however long it has left: staff
 * use shared university computers. SESSION_IDLE_MINUTES changes it.
 */
export const DEFAULT_SESSION_IDLE_MINUTES = 30;
export const DEFAULT_DOCUMENT_TRASH_DAYS = 30;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().default("./data"),
  SMTP_URL: z
    .string()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  MAIL_FROM: z.string().default("Clearname <no-reply@clearname.invalid>"),
  PUBLIC_URL: z.string().url().optional(),
  CLEARNAME_SECRET: z
    .string()
    .min(32, "CLEARNAME_SECRET must be at least 32 characters")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DEMO: z.enum(["0", "1"]).optional(),
  NODE_ENV: z.string().default("development"),
  LOG_LEVEL: z.string().default("info"),
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5, "SESSION_IDLE_MINUTES must be at least 5")
    .max(24 * 60, "SESSION_IDLE_MINUTES must be at most 1440 (a day)")
    .default(DEFAULT_SESSION_IDLE_MINUTES),
  DOCUMENT_TRASH_DAYS: z.coerce
    .number()
    .int()
    .min(1, "DOCUMENT_TRASH_DAYS must be at least 1")
    .max(3650, "DOCUMENT_TRASH_DAYS must be at most 3650 (ten years)")
    .default(DEFAULT_DOCUMENT_TRASH_DAYS),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  secret: string | undefined;
  demo: boolean;
  production: boolean;
  logLevel: string;
  trustProxy: boolean;
  /** A signed-in session with no request for this long ends, whatever its absolute expiry. */
  sessionIdleMinutes: number;
  /** Days document files swept as orphans stay in DATA_DIR/documents/.trash before deletion. */
  documentTrashDays: number;
  /** Whether PUBLIC_URL was given, rather than made up from PORT. */
  publicUrlGiven: boolean;
}

export class ConfigError extends Error {}

/** Reads Clearname's configuration from the environment; every variable is in the README. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Clearname cannot start: bad configuration\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    secret: e.CLEARNAME_SECRET,
    // Demo data is on by default for the embedded database, off on a server unless DEMO=1,
    // and never on by default in production (asked for there, it stops the start-up).
    demo: e.DEMO ? e.DEMO === "1" : !e.DATABASE_URL && !production,
    production,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === "1",
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    documentTrashDays: e.DOCUMENT_TRASH_DAYS,
    publicUrlGiven: e.PUBLIC_URL !== undefined,
  };
}
