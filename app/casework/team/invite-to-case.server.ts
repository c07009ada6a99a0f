import { sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { type Queryable, queryRows } from "~/db/database.server";
import type { Mailer } from "~/mail/mailer.server";
import { addMember } from "~/organisations/memberships.server";
import { mustBeOpen, mustLead, openCase } from "../case-access.server";
import { assignableMembers, assignToCase } from "./case-team.server";

export interface InviteToCaseInput {
  email: string;
  name?: string;
  endsOn: string;
  publicUrl: string;
}

/**
 * A lead brings a caseworker onto the case without leaving it. Someone who is already a
 * current lead or caseworker of the project is put on the team as they are; anyone else
 * becomes the project's caseworker until `endsOn` (an unknown address is a new account, sent
 * an invitation to choose a password) and is put on the team. The e-mail is for the caller to
 * deliver once the change has committed.
 */
export async function inviteToCase(
  tx: Queryable,
  acting: Acting,
  mailer: Mailer,
  caseId: string,
  input: InviteToCaseInput,
): Promise<{ invited: boolean; joinedProject: boolean; deliver: () => Promise<void> }> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustBeOpen(c);
  mustLead(acting, c, "choose a case's team");
  const [found] = await queryRows<{ id: string | null }>(
    tx,
    sql`select app_find_user_by_email(${input.email}) as id`,
  );
  const current = found?.id
    ? (await assignableMembers(tx, c, [])).some((m) => m.userId === found.id)
    : false;
  if (current && found?.id) {
    await assignToCase(tx, acting, c.id, { userId: found.id, endsOn: input.endsOn });
    return { invited: false, joinedProject: false, deliver: async () => undefined };
  }
  const added = await addMember(tx, acting, mailer, {
    email: input.email,
    name: input.name,
    roleKey: "caseworker",
    endsOn: input.endsOn,
    organisationId: c.organisationId,
    publicUrl: input.publicUrl,
  });
  await assignToCase(tx, acting, c.id, { userId: added.userId, endsOn: input.endsOn });
  return { invited: added.invited, joinedProject: true, deliver: added.deliver };
}
