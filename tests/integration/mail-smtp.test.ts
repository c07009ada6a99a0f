import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { asSystem, asUser, type Database } from "~/db/database.server";
import { emailOutbox } from "~/db/schema";
import { createMailer } from "~/mail/mailer.server";
import { WITHHELD_LINK } from "~/shared/link-secrets";
import { createOrganisation, createUser } from "../support/factories";
import { createTestDatabase } from "../support/test-database";

const FROM = "Clearname <no-reply@clearname.test>";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

interface Received {
  mailFrom: string | undefined;
  rcptTo: string[];
  raw: string;
}

/** A real SMTP server on a free port of 127.0.0.1 that keeps what it is sent. */
async function startSmtpServer() {
  const received: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const from = session.envelope.mailFrom;
        received.push({
          mailFrom: from ? from.address : undefined,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  let stopped = false;
  return {
    port,
    received,
    stop: () =>
      stopped
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            stopped = true;
            server.close(() => resolve());
          }),
  };
}

const servers: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

/** Headers (unfolded, by lower-case name) and the decoded text body of a raw message. */
function parseMessage(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  let body = raw.slice(split + 4);
  const encoding = headers.get("content-transfer-encoding")?.toLowerCase();
  if (encoding === "quoted-printable") {
    body = Buffer.from(
      body
        .replace(/=\r\n/g, "")
        .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) =>
          String.fromCharCode(Number.parseInt(hex, 16)),
        ),
      "latin1",
    ).toString("utf8");
  } else if (encoding === "base64") {
    body = Buffer.from(body, "base64").toString("utf8");
  }
  return { headers, body: body.replace(/\r\n/g, "\n").trimEnd() };
}

async function outboxRow(id: string) {
  const [row] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row;
}

async function outboxRowTo(to: string) {
  const rows = await database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to));
  expect(rows).toHaveLength(1);
  const [row] = rows;
  if (!row) throw new Error("no outbox row");
  return row;
}

const recipient = () => `someone-${randomBytes(4).toString("hex")}@example.org`;

describe("mail over SMTP", () => {
  it("queues the message in the caller's transaction, delivers it after commit and marks it sent", async () => {
    const smtp = await startSmtpServer();
    servers.push(smtp);
    const errors: unknown[] = [];
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: FROM,
      db: database.db,
      onError: (e) => errors.push(e),
    });
    expect(mailer.transport).toBe("smtp");
    const to = recipient();
    const link = `https://clearname.test/reset-password/${randomBytes(32).toString("base64url")}`;
    const text = `Hello,\n\nThis is a test of Clearname's mail.\n${link}`;

    const deliver = await asSystem(database.db, (tx) =>
      mailer.send(tx, { to, subject: "A test from Clearname", text }),
    );
    // Nothing leaves before the transaction has committed and deliver() is called.
    expect(smtp.received).toEqual([]);
    const queued = await outboxRowTo(to);
    expect(queued).toMatchObject({
      status: "outbox",
      subject: "A test from Clearname",
      // The link carries a secret: the outbox keeps only that there was one.
      textBody: `Hello,\n\nThis is a test of Clearname's mail.\n${WITHHELD_LINK}`,
    });
    expect(queued.sentAt).toBeNull();

    await deliver();

    expect(errors).toEqual([]);
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message?.mailFrom).toBe("no-reply@clearname.test");
    expect(message?.rcptTo).toEqual([to]);
    const { headers, body } = parseMessage(message?.raw ?? "");
    expect(headers.get("to")).toBe(to);
    expect(headers.get("from")).toBe(FROM);
    expect(headers.get("subject")).toBe("A test from Clearname");
    expect(body).toBe(text);

    const sent = await outboxRow(queued.id);
    expect(sent?.status).toBe("sent");
    expect(sent?.sentAt).toBeInstanceOf(Date);
    expect(sent?.error).toBeNull();
  });

  it("sends nothing when the caller's transaction rolls back", async () => {
    const smtp = await startSmtpServer();
    servers.push(smtp);
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: FROM,
      db: database.db,
    });
    const to = recipient();
    await expect(
      asSystem(database.db, async (tx) => {
        await mailer.send(tx, { to, subject: "Never sent", text: "Rolled back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(
      await database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to)),
    ).toEqual([]);
    expect(smtp.received).toEqual([]);
  });

  it("lets a user who cannot read the outbox queue and send mail in their own transaction", async () => {
    const smtp = await startSmtpServer();
    servers.push(smtp);
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: FROM,
      db: database.db,
    });
    const project = await createOrganisation(database.db);
    const caseworker = await createUser(database.db, [
      { organisationId: project.id, roleKey: "caseworker" },
    ]);
    const to = recipient();
    const deliver = await asUser(database.db, caseworker.id, (tx) =>
      mailer.send(tx, {
        to,
        subject: "From a caseworker",
        text: "Queued under row-level security",
      }),
    );
    await deliver();
    expect(smtp.received.map((m) => m.rcptTo)).toEqual([[to]]);
    expect((await outboxRowTo(to)).status).toBe("sent");
  });

  it("marks the message failed, with the error, when the SMTP server is down, and does not throw", async () => {
    const smtp = await startSmtpServer();
    await smtp.stop();
    const errors: unknown[] = [];
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: FROM,
      db: database.db,
      onError: (e) => errors.push(e),
    });
    const to = recipient();
    const deliver = await asSystem(database.db, (tx) =>
      mailer.send(tx, { to, subject: "Nobody is listening", text: "Lost" }),
    );
    await expect(deliver()).resolves.toBeUndefined();
    const row = await outboxRowTo(to);
    expect(row.status).toBe("failed");
    expect(row.sentAt).toBeNull();
    expect(row.error).toMatch(/ECONNREFUSED|connect/i);
    expect(errors).toHaveLength(1);
  });
});
