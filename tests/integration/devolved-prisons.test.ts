import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Acting } from "~/access/acting";
import { asSystem, type Database } from "~/db/database.server";
import { applicants, applications, establishments } from "~/db/schema";
import { loadEstablishments } from "~/intake/establishments.server";
import { DRAFT_COOKIE, signDraftToken } from "~/intake/online/draft-cookie.server";
import {
  chooseDraftSecret,
  findDraft,
  saveDraftAnswers,
  startDraft,
} from "~/intake/online/drafts.server";
import { AboutYouSchema } from "~/intake/online/schemas";
import { submitDraft } from "~/intake/online/submit-draft.server";
import { createMailer } from "~/mail/mailer.server";
import { action as applicantAction } from "~/routes/apply/applicant";
import { createNetwork } from "../support/factories";
import { formPost, outcomeOf, routeContext } from "../support/route-call";
import { createTestDatabase } from "../support/test-database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await createNetwork(database.db);
});
afterAll(async () => {
  await database?.close();
});

const newIp = () => `2001:db8::${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;

async function establishment(name: string) {
  const [row] = await asSystem(database.db, (tx) =>
    tx.select().from(establishments).where(eq(establishments.name, name)),
  );
  return row;
}

describe("Scottish and Northern Irish prisons", () => {
  it("load with their addresses, and reach an install loaded before they were listed", async () => {
    const first = await loadEstablishments(database.db);
    expect(first).toBe(153 + 20);
    expect(await loadEstablishments(database.db)).toBe(0);
    expect(await establishment("HMP Barlinnie")).toMatchObject({
      jurisdiction: "scotland",
      addressLines: ["81 Lee Avenue", "Riddrie", "Glasgow"],
      postcode: "G33 2QX",
      source: "register",
    });
    expect(await establishment("HMP Maghaberry")).toMatchObject({
      jurisdiction: "northern_ireland",
      postcode: "BT28 2PT",
    });
    // An install whose list was loaded with England and Wales only gets them on its next start.
    await asSystem(database.db, (tx) =>
      tx.execute(sql`delete from establishments where jurisdiction <> 'england_wales'`),
    );
    expect(await loadEstablishments(database.db)).toBe(20);
    expect((await establishment("HMP Barlinnie"))?.postcode).toBe("G33 2QX");
  });

  it("let a sister apply online for her brother in HMP Barlinnie, chosen from the list", async () => {
    await loadEstablishments(database.db);
    const barlinnie = await establishment("HMP Barlinnie");
    if (!barlinnie) throw new Error("HMP Barlinnie is not listed");
    const started = await startDraft(database.db, { ip: newIp() });
    if (started.kind !== "started") throw new Error(started.kind);
    const draft = started.draft;
    const about = {
      applyingFor: "behalf",
      name: "Morag Reid",
      relationship: "family",
      email: `morag-${randomBytes(3).toString("hex")}@example.org`,
      applicantAgrees: "yes",
      copies: "no",
    };
    await saveDraftAnswers(database.db, draft.id, "about-you", AboutYouSchema.parse(about));
    await chooseDraftSecret(database.db, draft.id, "grey seal 7");

    const context = routeContext(
      database,
      { viewer: null } as unknown as Acting,
      {
        kind: "public",
      } as never,
    );
    const post = (fields: Record<string, string>) => {
      const request = formPost(`/apply/${draft.id}/applicant`, { intent: "continue", ...fields });
      const secret = "route-call-secret-0123456789abcdef";
      request.headers.set("cookie", `${DRAFT_COOKIE}=${signDraftToken(secret, draft.id)}`);
      return outcomeOf(() =>
        applicantAction({ request, params: { draft: draft.id }, context } as never),
      );
    };
    const brother = {
      fullName: "Callum Reid",
      inPrison: "yes",
      establishmentId: barlinnie.id,
      legalCorrespondence: "yes",
    };
    // A Scottish number typed as an England and Wales one is refused, and says where it goes.
    const refused = await post({ ...brother, prisonerNumber: "090000" });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain("goes under 'other prisoner number'");

    const saved = await post({ ...brother, otherPrisonerNumber: "090000" });
    expect(saved.location).toMatch(new RegExp(`^/apply/${draft.id}/`));
    const after = await findDraft(database.db, draft.id);
    expect(after?.data.applicant).toMatchObject({
      establishmentId: barlinnie.id,
      otherPrisonerNumber: "090000",
    });

    await saveDraftAnswers(database.db, draft.id, "conviction", {
      offences: "Assault to severe injury",
      court: "Glasgow High Court",
      convictionDate: "2019-03-14",
    });
    const mailer = createMailer({
      smtpUrl: undefined,
      from: "t@clearname.invalid",
      db: database.db,
    });
    const sent = await submitDraft(database.db, mailer, { draftId: draft.id, ip: newIp() });
    expect(sent.kind).toBe("submitted");
    const [row] = await asSystem(database.db, (tx) =>
      tx
        .select({
          establishmentId: applicants.currentEstablishmentId,
          other: applicants.otherPrisonerNumber,
          prisonerNumber: applicants.prisonerNumber,
        })
        .from(applications)
        .innerJoin(applicants, eq(applicants.id, applications.applicantId))
        .where(eq(applicants.fullName, "Callum Reid")),
    );
    expect(row).toEqual({ establishmentId: barlinnie.id, other: "090000", prisonerNumber: null });
  });
});
