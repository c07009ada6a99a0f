import { desc } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import type { Queryable } from "~/db/database.server";
import { emailOutbox } from "~/db/schema";
import { forbidden } from "~/errors/app-error";
import { withholdSecretLinks } from "~/shared/link-secrets";

/**
 * The newest 100 e-mails, for administrators: what was sent to whom, never a link that
 * carries a secret. The mailer already stores them withheld; reading through the same filter
 * keeps it so for anything stored another way.
 */
export async function listOutbox(tx: Queryable, acting: Acting) {
  if (!can(acting.viewer, "view:outbox:any")) throw forbidden();
  const rows = await tx.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(100);
  return rows.map((row) => ({ ...row, textBody: withholdSecretLinks(row.textBody) }));
}
