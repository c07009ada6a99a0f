import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getCaseTeam } from "~/casework/team/case-team.server";
import { inviteToCase } from "~/casework/team/invite-to-case.server";
import { asSystem } from "~/db/database.server";
import { emailOutbox, memberships, users } from "~/db/schema";
import { addDays, today } from "~/shared/dates";
import { acceptedCase, setUpCasework } from "../support/casework-scenario";
import { createUser } from "../support/factories";
import { appError } from "../support/intake";
import { referralContext } from "../support/referral-scenario";

/**
 * A lead builds the case's team from its team page: someone new is invited to Clearname as
 * the project's caseworker and put on the case in one step; a current caseworker of the
 * project is put on the case without their membership being touched; a caseworker may not.
 */
const ctx = setUpCasework("casework-team-invite");
const { as } = ctx;
let caseId: string;
const endsOn = addDays(today(), 200);

beforeAll(async () => {
  caseId = (await acceptedCase(ctx, { project: "second" })).caseId;
}, 240_000);

const invite = (email: string, name?: string, user = ctx.people.second.lead) => {
  const { mailer, publicUrl } = referralContext(ctx.db);
  return as(user, (tx) =>
    inviteToCase(tx, user.acting, mailer, caseId, { email, name, endsOn, publicUrl }),
  );
};

describe("bringing a caseworker onto the case from its team page", () => {
  it("invites someone new as the project's caseworker and puts them on the team", async () => {
    const { lead } = ctx.people.second;
    const email = `new-${randomUUID()}@example.org`;
    const done = await invite(email, "Nia Newcomer");
    expect(done).toMatchObject({ invited: true, joinedProject: true });
    await done.deliver();
    const [user] = await asSystem(ctx.db, (tx) =>
      tx.select({ id: users.id }).from(users).where(eq(users.email, email)),
    );
    expect(user).toBeDefined();
    const [membership] = await asSystem(ctx.db, (tx) =>
      tx
        .select({ roleKey: memberships.roleKey, endsOn: memberships.endsOn })
        .from(memberships)
        .where(
          and(
            eq(memberships.userId, user?.id ?? ""),
            eq(memberships.organisationId, ctx.people.second.id),
          ),
        ),
    );
    expect(membership).toEqual({ roleKey: "caseworker", endsOn });
    const page = await as(lead, (tx) => getCaseTeam(tx, lead.acting, caseId));
    expect(page.team.find((m) => m.userId === user?.id)).toMatchObject({
      name: "Nia Newcomer",
      role: "caseworker",
      endsOn,
      current: true,
    });
    const mail = await asSystem(ctx.db, (tx) =>
      tx.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)),
    );
    expect(mail).toHaveLength(1);
  });

  it("puts a current caseworker of the project on the team, leaving their membership alone", async () => {
    const { lead } = ctx.people.second;
    const existing = await createUser(ctx.db, [
      { organisationId: ctx.people.second.id, roleKey: "caseworker" },
    ]);
    const done = await invite(existing.email);
    expect(done).toMatchObject({ invited: false, joinedProject: false });
    const [membership] = await asSystem(ctx.db, (tx) =>
      tx
        .select({ endsOn: memberships.endsOn })
        .from(memberships)
        .where(eq(memberships.userId, existing.id)),
    );
    expect(membership?.endsOn).toBeNull();
    const page = await as(lead, (tx) => getCaseTeam(tx, lead.acting, caseId));
    expect(page.team.find((m) => m.userId === existing.id)?.current).toBe(true);
  });

  it("asks for the name of someone new, and refuses a caseworker who tries", async () => {
    const nameless = await appError(invite(`nameless-${randomUUID()}@example.org`));
    expect(nameless).toMatchObject({ code: "INVALID", details: { field: "name" } });
    const { caseworker } = ctx.people.second;
    const refused = await appError(invite(`x-${randomUUID()}@example.org`, "Someone", caseworker));
    // Not on the team, the caseworker cannot even see the case.
    expect(["FORBIDDEN", "NOT_FOUND"]).toContain(refused.code);
  });
});
