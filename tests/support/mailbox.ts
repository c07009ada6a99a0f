import type { Queryable } from "~/db/database.server";
import { createMailer, type Email, type Mailer } from "~/mail/mailer.server";

/**
 * A mailer whose deliveries land in an in-memory mailbox: the tests read a reset or
 * invitation link the way its recipient does, since the outbox never shows it.
 */
export function mailboxMailer(db: Queryable): {
  mailer: Mailer;
  delivered: (Email & { from: string })[];
  /** The token of the last `/reset-password/…` link delivered to `to` (reset or invitation). */
  lastTokenTo(to: string): string;
} {
  const delivered: (Email & { from: string })[] = [];
  const mailer = createMailer({
    smtpUrl: undefined,
    from: "Clearname <test@clearname.test>",
    db,
    deliver: async (message) => {
      delivered.push(message);
    },
  });
  return {
    mailer,
    delivered,
    lastTokenTo(to) {
      const mail = delivered.filter((m) => m.to.toLowerCase() === to.toLowerCase()).at(-1);
      const token = mail?.text.match(/\/reset-password\/([\w-]+)/)?.[1];
      if (!token) throw new Error(`no link delivered to ${to}: ${JSON.stringify(mail?.text)}`);
      return token;
    },
  };
}
