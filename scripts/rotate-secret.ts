/**
 * npm run secret:rotate — re-encrypts what CLEARNAME_SECRET protects under a new secret:
 * every stored document (and those in the trash), and every user's second-factor key.
 *
 *   CLEARNAME_SECRET=<current> CLEARNAME_NEW_SECRET=<new, 32+ characters> npm run secret:rotate
 *
 * Without CLEARNAME_SECRET the current secret is DATA_DIR/secret.key, and the new one is then
 * written there when the rotation is done. Stop Clearname first (on the embedded database the
 * data-directory lock refuses to run beside it). An interrupted rotation is finished by running
 * the same command again: whatever is already under the new secret is left as it is.
 * Exit 0: done. Exit 1: some files or keys neither secret opens (named, left untouched).
 * Exit 2: could not run.
 */
import fs from "node:fs";
import path from "node:path";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { ConfigError, loadConfig } from "~/config/config.server";
import { loadSecret } from "~/config/secret.server";
import { DataDirLockedError, lockDataDir } from "~/db/data-dir-lock.server";
import { asSystem, openDatabase } from "~/db/database.server";
import { migrateDatabase } from "~/db/migrate.server";
import { rekeyDocuments } from "~/documents/rekey-documents.server";
import { rekeyTwoFactorSecrets } from "~/identity/rekey-two-factor.server";

class UsageError extends Error {}

async function main(): Promise<number> {
  const config = loadConfig();
  const newSecret = process.env.CLEARNAME_NEW_SECRET?.trim() ?? "";
  if (newSecret.length < 32)
    throw new UsageError("Set CLEARNAME_NEW_SECRET to the new secret (at least 32 characters).");
  const fromFile = !config.secret;
  const oldSecret = loadSecret(config);
  if (newSecret === oldSecret) throw new UsageError("The new secret is the current one.");

  const release = lockDataDir(config.dataDir);
  const database = await openDatabase(
    config.databaseUrl
      ? { url: config.databaseUrl, poolSize: 1 }
      : { dataDir: path.join(config.dataDir, "pglite") },
  );
  try {
    await migrateDatabase(database);
    const files = await rekeyDocuments(config.dataDir, oldSecret, newSecret);
    const keys = await asSystem(database.db, async (tx) => {
      const outcome = await rekeyTwoFactorSecrets(tx, oldSecret, newSecret);
      await recordAuditEvent(
        tx,
        { userId: null },
        {
          action: "secret.rotated",
          entityType: "installation",
          details: {
            documents: files.rekeyed + files.already,
            unreadableDocuments: files.unreadable.length,
            twoFactorKeys: outcome.rekeyed + outcome.already,
            unreadableKeys: outcome.unreadable,
          },
        },
      );
      return outcome;
    });
    console.log(
      `Documents: ${files.rekeyed} re-encrypted, ${files.already} already under the new secret.`,
    );
    console.log(
      `Second-factor keys: ${keys.rekeyed} re-encrypted, ${keys.already} already under the new secret.`,
    );
    if (fromFile) {
      fs.writeFileSync(path.join(config.dataDir, "secret.key"), newSecret, { mode: 0o600 });
      console.log("The new secret is now in DATA_DIR/secret.key.");
    } else {
      console.log("Now set CLEARNAME_SECRET to the new secret before starting Clearname.");
    }
    if (files.unreadable.length > 0 || keys.unreadable > 0) {
      console.error(
        `Neither secret opens ${files.unreadable.length} document(s) and ${keys.unreadable} second-factor key(s); they were left as they are: ${files.unreadable.join(", ")}`,
      );
      return 1;
    }
    return 0;
  } finally {
    await database.close();
    release();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    const known =
      error instanceof ConfigError ||
      error instanceof DataDirLockedError ||
      error instanceof UsageError;
    console.error(known ? error.message : error);
    process.exit(2);
  },
);
