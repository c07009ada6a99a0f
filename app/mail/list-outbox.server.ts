import { desc } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import type { Queryable } from "~/db/database.server";
import { emailOutbox } from "~/db/schema";
import { forbidden } from "~/errors/app-error";

/** The newest 100 e-mails, for administrators (and for reading mail when no SMTP server is set). */
export async function listOutbox(tx: Queryable, acting: Acting) {
  if (!can(acting.viewer, "view:outbox:any")) throw forbidden();
  return tx.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(100);
}
