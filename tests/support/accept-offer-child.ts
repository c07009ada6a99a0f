/**
 * Accepts a referral offer in a process of its own, for the atomicity test
 * (tests/integration/referral-kill.test.ts), which kills this process mid-transaction:
 *
 *   node --import tsx tests/support/accept-offer-child.ts \
 *     <postgres://… | PGlite data directory> <offerId> <leadUserId> <dataDir> <secret>
 *
 * With CLEARNAME_PAUSE_ACCEPTANCE=1 it stops once acceptOffer has made every write, before
 * the transaction commits, prints "PAUSED <pid>" and waits to be killed. Otherwise it
 * accepts, prints "ACCEPTED <caseId>" and exits.
 */
import { asUser, openDatabase } from "~/db/database.server";
import { createDocumentStore } from "~/documents/storage.server";
import { withDocumentStore } from "~/intake/entry/document-store.server";
import { createMailer } from "~/mail/mailer.server";
import { acceptanceHooks, acceptOffer } from "~/referrals/respond.server";
import { actingFor } from "./factories";

/** Never left running for long if the test that started it goes away. */
const GIVE_UP_MS = 120_000;

async function main() {
  const [target, offerId, leadId, dataDir, secret] = process.argv.slice(2);
  if (!target || !offerId || !leadId || !dataDir || !secret)
    throw new Error(
      "usage: accept-offer-child <database> <offerId> <leadUserId> <dataDir> <secret>",
    );
  const database = await openDatabase(
    target.startsWith("postgres://") ? { url: target, poolSize: 1 } : { dataDir: target },
  );
  const acting = await actingFor(database.db, leadId);
  if (process.env.CLEARNAME_PAUSE_ACCEPTANCE === "1")
    acceptanceHooks.afterWrites = () => {
      process.stdout.write(`PAUSED ${process.pid}\n`);
      return new Promise(() => {
        // The pending timer keeps the process alive until it is killed.
        setTimeout(() => process.exit(3), GIVE_UP_MS);
      });
    };
  const mailer = createMailer({
    smtpUrl: undefined,
    from: "test@clearname.invalid",
    db: database.db,
  });
  const { caseId } = await withDocumentStore(createDocumentStore(dataDir, secret), (store) =>
    asUser(database.db, leadId, (tx) =>
      acceptOffer(tx, acting, store, { mailer, publicUrl: "http://clearname.test" }, offerId),
    ),
  );
  await database.close();
  process.stdout.write(`ACCEPTED ${caseId}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
