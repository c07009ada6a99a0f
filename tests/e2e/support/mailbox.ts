import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";

/** What the test mail server kept of a message (tests/e2e/start-server.ts). */
export interface ReceivedEmail {
  to: string;
  subject: string;
  text: string;
}

/** Headers (unfolded, by lower-case name) and the decoded text of a raw single-part message. */
function parse(raw: string): ReceivedEmail {
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
  return {
    to: headers.get("to") ?? "",
    subject: decodeSubject(headers.get("subject") ?? ""),
    text: body.replace(/\r\n/g, "\n").trimEnd(),
  };
}

/** Subjects with non-ASCII characters arrive as RFC 2047 encoded words. */
function decodeSubject(subject: string): string {
  return subject
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
      kind.toLowerCase() === "b"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_n, hex: string) =>
                String.fromCharCode(Number.parseInt(hex, 16)),
              ),
            "latin1",
          ).toString("utf8"),
    );
}

function mailboxDir(): string {
  const dir = process.env.CLEARNAME_E2E_MAILBOX;
  if (!dir) throw new Error("CLEARNAME_E2E_MAILBOX is not set (playwright.config.ts sets it).");
  return dir;
}

function received(): ReceivedEmail[] {
  const dir = mailboxDir();
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".eml") && !name.startsWith("."))
    .sort()
    .map((name) => parse(fs.readFileSync(path.join(dir, name), "utf8")));
}

/**
 * Waits for the newest e-mail to `to` whose subject matches, as its recipient would find it
 * in their inbox; delivery happens just after the page answers.
 */
export async function emailTo(to: string, subject: string | RegExp): Promise<ReceivedEmail> {
  let found: ReceivedEmail | undefined;
  await expect
    .poll(
      () => {
        found = received()
          .filter((m) => m.to === to)
          .filter((m) =>
            typeof subject === "string" ? m.subject === subject : subject.test(m.subject),
          )
          .at(-1);
        return found !== undefined;
      },
      { message: `an e-mail to ${to} with the subject ${subject}` },
    )
    .toBe(true);
  return found as ReceivedEmail;
}
