import type { Server } from "node:http";
import path from "node:path";
import { pino } from "pino";
import { type Config, loadConfig } from "~/config/config.server";
import { loadSecret } from "~/config/secret.server";
import { refuseUnsafeSettings, unsafeSettingsError } from "~/config/unsafe-settings.server";
import { lockDataDir } from "~/db/data-dir-lock.server";
import { type Database, openDatabase } from "~/db/database.server";
import { migrateDatabase } from "~/db/migrate.server";
import { activeDemoAccounts, seedDemoData } from "~/demo/seed-demo.server";
import { claimDocumentFolder } from "~/documents/folder-identity.server";
import { startScanReader } from "~/documents/ocr/scan-reader.server";
import { createDocumentStore } from "~/documents/storage.server";
import { startHousekeeping } from "~/housekeeping/housekeeping.server";
import { loadEstablishments } from "~/intake/establishments.server";
import { createMailer } from "~/mail/mailer.server";
import type { Services } from "~/services";

export interface Started {
  services: Services;
  seeded: boolean;
  stop(): Promise<void>;
}

/**
 * Refuses unsafe settings in production, opens the database (taking the embedded database's
 * lock), applies migrations, refuses a production database that still holds the demo
 * accounts, loads demo data into an empty database when demo mode is on, and builds the
 * services.
 */
export async function startServices(config: Config = loadConfig()): Promise<Started> {
  refuseUnsafeSettings(config);
  const logger = pino({ level: config.logLevel, base: { service: "clearname" } });
  const secret = loadSecret(config);
  const release = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
  let database: Database;
  try {
    database = await openDatabase(
      config.databaseUrl
        ? { url: config.databaseUrl }
        : { dataDir: path.join(config.dataDir, "pglite") },
    );
  } catch (error) {
    release();
    throw error;
  }
  try {
    await migrateDatabase(database);
    if (config.production) await refuseDemoAccounts(database);
    await loadEstablishments(database.db);
    await claimDocumentFolder(database.db, config.dataDir, logger);
  } catch (error) {
    await database.close().catch(() => undefined);
    release();
    throw error;
  }
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    db: database.db,
    onError: (err) => logger.error({ err }, "e-mail delivery failed"),
  });
  // The demo's e-mails only wait in the outbox: no SMTP delivery is attempted for them.
  const seeded = config.demo
    ? await seedDemoData(database.db, secret, {
        store: createDocumentStore(config.dataDir, secret),
        mailer,
        publicUrl: config.publicUrl,
        production: config.production,
      })
    : false;
  const services: Services = { config, database, mailer, logger, secret };
  const housekeeping = startHousekeeping({
    db: database.db,
    dataDir: config.dataDir,
    logger,
    trashDays: config.documentTrashDays,
    mailer,
    publicUrl: config.publicUrl,
    log: (result) =>
      "error" in result
        ? logger.error({ err: result.error }, "housekeeping failed")
        : Object.values(result).some((n) => n > 0) && logger.info(result, "housekeeping done"),
  });
  const scanReader = startScanReader({
    db: database.db,
    store: createDocumentStore(config.dataDir, secret),
    logger,
  });
  return {
    services,
    seeded,
    async stop() {
      await scanReader.stop();
      await housekeeping.stop();
      await database.close();
      release();
    },
  };
}

/** A database given the demo data outside production must not serve real people with it. */
async function refuseDemoAccounts(database: Database): Promise<void> {
  const demo = await activeDemoAccounts(database.db);
  if (demo.length === 0) return;
  throw unsafeSettingsError([
    `the database holds ${demo.length} demo account(s) that can still sign in (${demo.slice(0, 3).join(", ")}${demo.length > 3 ? ", …" : ""}): their password and two-factor key are published. Start production on a database that never had the demo data.`,
  ]);
}

/** Stops accepting connections, finishes what is in flight, then closes the database. */
export function closeGracefully(server: Server, started: Started, logger: Services["logger"]) {
  let closing = false;
  return async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => server.closeAllConnections(), 5_000);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(force);
    await started.stop();
    logger.info("database closed; goodbye");
    process.exit(0);
  };
}
