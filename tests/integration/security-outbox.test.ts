import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, asUser, type Database } from "~/db/database.server";
import { emailOutbox } from "~/db/schema";
import { newToken } from "~/identity/crypto.server";
import { checkPasswordToken, requestPasswordReset } from "~/identity/passwords-flow.server";
import { listOutbox } from "~/mail/list-outbox.server";
import { WITHHELD_LINK } from "~/shared/link-secrets";
import { createNetwork, createOrganisation, createUser, type TestUser } from "../support/factories";
import { mailboxMailer } from "../support/mailbox";
import { createTestDatabase } from "../support/test-database";

const PUBLIC_URL = "https://clearname.example.org";
let database: Database;
let admin: TestUser;
let lead: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  const project = await createOrganisation(database.db);
  admin = await createUser(database.db, [{ organisationId: network.id, roleKey: "administrator" }]);
  lead = await createUser(database.db, [{ organisationId: project.id, roleKey: "project_lead" }]);
});
afterAll(async () => {
  await database?.close();
});

describe("the outbox, read by the network's administrator", () => {
  it("shows that a reset link was sent to a project lead, but no usable link", async () => {
    const mailbox = mailboxMailer(database.db);
    await requestPasswordReset(database.db, mailbox.mailer, {
      email: lead.email,
      publicUrl: PUBLIC_URL,
      actor: { userId: null, ip: "192.0.2.1", requestId: "outbox-attack" },
    });
    // The lead receives a working link.
    const token = mailbox.lastTokenTo(lead.email);
    expect(await checkPasswordToken(database.db, token)).toMatchObject({ ok: true });

    // The administrator finds the e-mail, and in it nothing that opens the account.
    const outbox = await asUser(database.db, admin.id, (tx) => listOutbox(tx, admin.acting));
    const mail = outbox.find((m) => m.toAddress === lead.email);
    expect(mail?.subject).toBe("Reset your Clearname password");
    expect(mail?.textBody).toContain(WITHHELD_LINK);
    expect(JSON.stringify(outbox)).not.toContain(token);
    for (const candidate of JSON.stringify(outbox).match(/[A-Za-z0-9_-]{20,}/g) ?? []) {
      expect((await checkPasswordToken(database.db, candidate)).ok).toBe(false);
    }
  });

  it("withholds a link in a row stored another way, when the page reads it", async () => {
    const { token } = newToken();
    await asSystem(database.db, (tx) =>
      tx.insert(emailOutbox).values({
        toAddress: "old@example.org",
        subject: "Old invitation",
        textBody: `Open ${PUBLIC_URL}/reset-password/${token} within 14 days.`,
        status: "outbox",
      }),
    );
    const outbox = await asUser(database.db, admin.id, (tx) => listOutbox(tx, admin.acting));
    const old = outbox.find((m) => m.toAddress === "old@example.org");
    expect(old?.textBody).toBe(`Open ${WITHHELD_LINK} within 14 days.`);
  });
});

describe("migration 0025: e-mails already in the outbox", () => {
  it("loses its reset and invitation links, and keeps everything else", async () => {
    const { token } = newToken();
    const caseLink = `${PUBLIC_URL}/cases/0b7e2c1a-3d4f-4a5b-8c6d-7e8f9a0b1c2d`;
    const [row] = await asSystem(database.db, (tx) =>
      tx
        .insert(emailOutbox)
        .values({
          toAddress: "before@example.org",
          subject: "Written before the change",
          textBody: `Hello,\n${PUBLIC_URL}/reset-password/${token}\nYour case: ${caseLink}`,
          status: "sent",
        })
        .returning({ id: emailOutbox.id }),
    );
    const migration = fs.readFileSync(
      path.resolve(import.meta.dirname, "../../drizzle/0025_outbox_withholds_secret_links.sql"),
      "utf8",
    );
    await asSystem(database.db, (tx) => tx.execute(sql.raw(migration)));
    const [after] = await database.db
      .select({ textBody: emailOutbox.textBody })
      .from(emailOutbox)
      .where(eq(emailOutbox.id, row?.id ?? ""));
    expect(after?.textBody).toBe(`Hello,\n${WITHHELD_LINK}\nYour case: ${caseLink}`);
  });
});
