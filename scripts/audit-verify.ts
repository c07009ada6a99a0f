/**
 * npm run audit:verify — checks the audit trail's hash chain on the configured database
 * (DATABASE_URL, or the embedded one in DATA_DIR). Exit 0: the chain holds. Exit 1: the
 * first event that was altered or follows a removed one is named. Exit 2: could not check.
 * Each run is kept in audit_chain_checks (with no one as the checker), where the audit tool
 * shows when the chain was last checked and what was found.
 */
import path from "node:path";
import { recordChainCheck } from "~/audit/run-chain-check.server";
import { verifyAuditChain } from "~/audit/verify-chain.server";
import { ConfigError, loadConfig } from "~/config/config.server";
import { DataDirLockedError, lockDataDir } from "~/db/data-dir-lock.server";
import { asSystem, openDatabase } from "~/db/database.server";

async function main(): Promise<number> {
  const config = loadConfig();
  const release = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
  const database = await openDatabase(
    config.databaseUrl
      ? { url: config.databaseUrl, poolSize: 1 }
      : { dataDir: path.join(config.dataDir, "pglite") },
  );
  try {
    const verdict = await verifyAuditChain(database.db);
    await asSystem(database.db, (tx) => recordChainCheck(tx, verdict, null));
    if (verdict.ok) {
      console.log(`Audit trail intact: ${verdict.checked} events checked.`);
      return 0;
    }
    console.error(
      `Audit trail BROKEN at event #${verdict.seq} (${verdict.id}): ${verdict.problem}. ` +
        `${verdict.checked} events before it checked out.`,
    );
    return 1;
  } finally {
    await database.close();
    release();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(
      error instanceof ConfigError || error instanceof DataDirLockedError ? error.message : error,
    );
    process.exit(2);
  },
);
