import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Queryable } from "~/db/database.server";
import { emailOutbox } from "~/db/schema";
import { withholdSecretLinks } from "~/shared/link-secrets";

export interface Email {
  to: string;
  subject: string;
  text: string;
}

/** Hands a message to its recipient's mail server. */
export type Deliver = (message: Email & { from: string }) => Promise<void>;

export interface Mailer {
  /** "smtp" when mail is delivered; "outbox" when it only waits in the outbox. */
  readonly transport: "smtp" | "outbox";
  /**
   * Records the message in the outbox (inside the caller's transaction) and returns a
   * function that delivers it once that transaction has committed.
   *
   * The outbox keeps the text with every link that carries a secret (a password-reset or
   * invitation token) withheld: whoever reads the outbox (administrators, anyone with the
   * database) learns that the e-mail was sent, never the link. Only the delivery carries it,
   * from memory, so without a mail server such a link reaches no one.
   */
  send(tx: Queryable, email: Email): Promise<() => Promise<void>>;
}

export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  db: Queryable;
  onError?: (error: unknown) => void;
  /**
   * Delivers instead of SMTP. Only code can pass it (no setting reaches it): the tests use it
   * as the recipient's mailbox.
   */
  deliver?: Deliver;
}): Mailer {
  const smtp = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
  const deliver: Deliver | undefined =
    options.deliver ??
    (smtp
      ? async (message) => {
          await smtp.sendMail(message);
        }
      : undefined);
  return {
    transport: deliver ? "smtp" : "outbox",
    async send(tx, email) {
      // The id is made here rather than read back with RETURNING: anyone acting may queue
      // mail, but only those who may read the outbox would pass RETURNING's row-level check.
      const row = { id: randomUUID() };
      await tx.insert(emailOutbox).values({
        id: row.id,
        toAddress: email.to,
        subject: email.subject,
        textBody: withholdSecretLinks(email.text),
        status: "outbox",
      });
      if (!deliver) return async () => undefined;
      return async () => {
        try {
          await deliver({ from: options.from, ...email });
          await options.db
            .update(emailOutbox)
            .set({ status: "sent", sentAt: new Date() })
            .where(eq(emailOutbox.id, row.id));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await options.db
            .update(emailOutbox)
            .set({ status: "failed", error: message })
            .where(eq(emailOutbox.id, row.id));
          options.onError?.(error);
        }
      };
    },
  };
}
