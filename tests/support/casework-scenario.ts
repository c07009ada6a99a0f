import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { asUser, type Database, type Db, type Tx } from "~/db/database.server";
import { caseTeam } from "~/db/schema";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";
import { defaultExpiry, makeOffer } from "~/referrals/offers.server";
import { acceptOffer } from "~/referrals/respond.server";
import type { TestUser } from "./factories";
import {
  createEligibleCase,
  createReferralPeople,
  type ReferralPeople,
  referralContext,
} from "./referral-scenario";
import { createTestDatabase } from "./test-database";

/**
 * What a casework test file works with: its own database, document store and referral
 * people. The values exist only once the file's `beforeAll` hooks run, so read them through
 * this object inside hooks and tests, never destructure them at the top of the file.
 */
export interface CaseworkContext {
  readonly db: Db;
  readonly people: ReferralPeople;
  readonly store: DocumentStore;
  /** Where the store keeps its files; a test may put scratch files here too. */
  readonly storeDir: string;
  /** The store's secret, for code that opens the store itself (housekeeping). */
  readonly secret: string;
  /** Runs `fn` as `user`, under row-level security. */
  as<T>(user: TestUser, fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/**
 * Gives the test file a database copied from the template, a document store in a fresh
 * temporary folder and the referral people, made before the file's own `beforeAll` (vitest
 * runs them in the order registered) and removed after all its tests. `name` names the
 * store's folder and secret, so a file left behind says which test made it.
 */
export function setUpCasework(name: string): CaseworkContext {
  let database: Database | undefined;
  let people: ReferralPeople | undefined;
  let store: DocumentStore | undefined;
  let storeDir: string | undefined;
  const secret = `${name}-secret-0123456789abcdef`;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the casework database is made in beforeAll");
    return value;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    storeDir = fs.mkdtempSync(path.join(os.tmpdir(), `clearname-${name}-`));
    store = createDocumentStore(storeDir, secret);
    people = await createReferralPeople(database.db);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    if (storeDir) fs.rmSync(storeDir, { recursive: true, force: true });
  });

  return {
    get db() {
      return ready(database).db;
    },
    get people() {
      return ready(people);
    },
    get store() {
      return ready(store);
    },
    get storeDir() {
      return ready(storeDir);
    },
    secret,
    as: (user, fn) => asUser(ready(database).db, user.id, fn),
  };
}

export interface AcceptedCase {
  caseId: string;
  /** The case's reference, which is its application's. */
  reference: string;
  /** The applicant's name. */
  fullName: string;
  applicationId: string;
}

/**
 * A case in the project's hands through the real referral path: an eligible application
 * (`createEligibleCase`, with its three lines of investigation) offered by the network's
 * coordinator to the project and accepted by its lead, who is then the case's only member
 * until `team` (the project's caseworkers) is put on it, as the owner, added by the lead.
 */
export async function acceptedCase(
  ctx: CaseworkContext,
  options: { project: "first" | "second"; team?: TestUser[] },
): Promise<AcceptedCase> {
  const { db, people, store } = ctx;
  const project = people[options.project];
  const eligible = await createEligibleCase(db, people, store);
  const { coordinator } = people;
  const { offerId } = await ctx.as(coordinator, (tx) =>
    makeOffer(tx, coordinator.acting, referralContext(db), {
      applicationId: eligible.applicationId,
      projectId: project.id,
      summary: `Robbery conviction of ${eligible.fullName} resting on one identification.`,
      documentIds: [eligible.documentId],
      expiresOn: defaultExpiry(),
    }),
  );
  const { caseId } = await ctx.as(project.lead, (tx) =>
    acceptOffer(tx, project.lead.acting, store, referralContext(db), offerId),
  );
  const team = options.team ?? [];
  if (team.length > 0)
    await db.insert(caseTeam).values(
      team.map((user) => ({
        caseId,
        userId: user.id,
        role: "caseworker" as const,
        addedBy: project.lead.id,
      })),
    );
  return {
    caseId,
    reference: eligible.reference,
    fullName: eligible.fullName,
    applicationId: eligible.applicationId,
  };
}
