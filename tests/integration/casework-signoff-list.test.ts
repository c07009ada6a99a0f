import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notesAwaitingSignOff } from "~/casework/notes/awaiting-sign-off.server";
import { addNote, signOffNote } from "~/casework/notes/notes.server";
import { asUser, type Database, queryRows, type Tx } from "~/db/database.server";
import { cases, caseTeam } from "~/db/schema";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";
import { defaultExpiry, makeOffer } from "~/referrals/offers.server";
import { acceptOffer } from "~/referrals/respond.server";
import type { TestUser } from "../support/factories";
import {
  createEligibleCase,
  createReferralPeople,
  type ReferralPeople,
  referralContext,
} from "../support/referral-scenario";
import { createTestDatabase } from "../support/test-database";

/**
 * The home page's "Notes awaiting your sign-off": a lead sees the unsigned notes of their
 * own project's cases, and nothing of another project's, nothing signed, nothing that never
 * needed signing; a caseworker and the network's staff see nothing. Every call runs as the
 * user under row-level security.
 */
let database: Database;
let people: ReferralPeople;
let store: DocumentStore;
let storeDir: string;
const SECRET = "casework-signoff-list-secret-0123456789";

const as = <T>(user: TestUser, fn: (tx: Tx) => Promise<T>) => asUser(database.db, user.id, fn);

let ours: { id: string; reference: string };
let theirs: { id: string; reference: string };
let waiting: string;
let signed: string;
let plain: string;
let otherProjects: string;
const LONG = `Visited the client at HMP Altcourse. ${"He went through the night of the robbery again, minute by minute. ".repeat(5)}`;

async function acceptedCase(project: { id: string; lead: TestUser }) {
  const eligible = await createEligibleCase(database.db, people, store);
  const { coordinator } = people;
  const { offerId } = await as(coordinator, (tx) =>
    makeOffer(tx, coordinator.acting, referralContext(database.db), {
      applicationId: eligible.applicationId,
      projectId: project.id,
      summary: `Robbery conviction of ${eligible.fullName} resting on one identification.`,
      documentIds: [eligible.documentId],
      expiresOn: defaultExpiry(),
    }),
  );
  const { caseId } = await as(project.lead, (tx) =>
    acceptOffer(tx, project.lead.acting, store, referralContext(database.db), offerId),
  );
  const [row] = await database.db
    .select({ id: cases.id, reference: cases.reference })
    .from(cases)
    .where(eq(cases.id, caseId));
  if (!row) throw new Error("the case was not made");
  return row;
}

beforeAll(async () => {
  database = await createTestDatabase();
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-signoff-list-"));
  store = createDocumentStore(storeDir, SECRET);
  people = await createReferralPeople(database.db);
  const { first, second } = people;
  ours = await acceptedCase(second);
  theirs = await acceptedCase(first);
  await database.db
    .insert(caseTeam)
    .values({ caseId: ours.id, userId: second.caseworker.id, role: "caseworker" });
  const write = (user: TestUser, caseId: string, body: string, needsSignOff: boolean) =>
    as(user, (tx) => addNote(tx, user.acting, caseId, { body, needsSignOff }));
  waiting = (await write(second.caseworker, ours.id, LONG, true)).noteId;
  signed = (await write(second.caseworker, ours.id, "Alibi witness traced.", true)).noteId;
  plain = (await write(second.caseworker, ours.id, "Papers chased.", false)).noteId;
  otherProjects = (await write(first.lead, theirs.id, "Expert instructed.", true)).noteId;
  await as(second.lead, (tx) => signOffNote(tx, second.lead.acting, ours.id, signed));
}, 240_000);
afterAll(async () => {
  await database?.close();
  fs.rmSync(storeDir, { recursive: true, force: true });
});

describe("notes awaiting a lead's sign-off", () => {
  it("lists the lead's own project's unsigned notes, with the case, author and opening", async () => {
    const { lead, caseworker } = people.second;
    const before = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_events where action = 'case_notes.awaiting_sign_off_viewed'`,
    );
    const { notes, total } = await as(lead, (tx) => notesAwaitingSignOff(tx, lead.acting));
    expect(total).toBe(1);
    expect(notes).toHaveLength(1);
    const [note] = notes;
    expect(note).toMatchObject({ noteId: waiting, caseId: ours.id, reference: ours.reference });
    expect(note?.authorName).toMatch(/^Test User /);
    expect(note?.excerpt.startsWith("Visited the client at HMP Altcourse. He went")).toBe(true);
    expect(note?.excerpt.endsWith("…")).toBe(true);
    expect(note?.excerpt.length).toBeLessThanOrEqual(141);
    const ids = notes.map((n) => n.noteId);
    for (const hidden of [signed, plain, otherProjects]) expect(ids).not.toContain(hidden);
    const [author] = await queryRows<{ name: string }>(
      database.db,
      sql`select name from users where id = ${caseworker.id}`,
    );
    expect(note?.authorName).toBe(author?.name);
    const after = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_events where action = 'case_notes.awaiting_sign_off_viewed'`,
    );
    expect(after[0]?.n).toBe((before[0]?.n ?? 0) + 1);
  });

  it("shows the other project's lead only their own project's note", async () => {
    const { lead } = people.first;
    const { notes } = await as(lead, (tx) => notesAwaitingSignOff(tx, lead.acting));
    expect(notes.map((n) => n.noteId)).toEqual([otherProjects]);
  });

  it("gives a caseworker and the network's staff nothing", async () => {
    for (const user of [people.second.caseworker, people.coordinator, people.administrator]) {
      const result = await as(user, (tx) => notesAwaitingSignOff(tx, user.acting));
      expect(result).toEqual({ notes: [], total: 0 });
    }
  });

  it("drops a note once it is signed off", async () => {
    const { lead } = people.second;
    await as(lead, (tx) => signOffNote(tx, lead.acting, ours.id, waiting));
    const { notes } = await as(lead, (tx) => notesAwaitingSignOff(tx, lead.acting));
    expect(notes).toEqual([]);
  });
});
