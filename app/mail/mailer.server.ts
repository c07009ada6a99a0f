import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Queryable } from "~/db/database.server";
import { emailOutbox } from "~/db/schema";

export interface Email {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** "smtp" when an SMTP server is configured; "outbox" when mail only waits in the outbox. */
  readonly transport: "smtp" | "outbox";
  /**
   * Records the message in the outbox (inside the caller's transaction) and returns a
   * function that delivers it once that transaction has committed.
   */
  send(tx: Queryable, email: Email): Promise<() => Promise<void>>;
}

export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  db: Queryable;
  onError?: (error: unknown) => void;
}): Mailer {
  const smtp = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
  return {
    transport: smtp ? "smtp" : "outbox",
    async send(tx, email) {
      // The id is made here rather than read back with RETURNING: anyone acting may queue
      // mail, but only those who may read the outbox would pass RETURNING's row-level check.
      const row = { id: randomUUID() };
      await tx.insert(emailOutbox).values({
        id: row.id,
        toAddress: email.to,
        subject: email.subject,
        textBody: email.text,
        status: "outbox",
      });
      if (!smtp) return async () => undefined;
      return async () => {
        try {
          await smtp.sendMail({
            from: options.from,
            to: email.to,
            subject: email.subject,
            text: email.text,
          });
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
