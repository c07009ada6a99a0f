import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/database.server";
import { applicants, applications, representatives } from "~/db/schema";
import { QUESTIONNAIRE_SECTIONS } from "~/intake/questionnaire";
import { action as editAction } from "~/routes/applicants/edit";
import { action as moveAction } from "~/routes/applicants/move";
import { action as representativesAction } from "~/routes/applicants/representatives";
import { action as entryAction } from "~/routes/applications/entry";
import { action as newApplicationAction } from "~/routes/applications/new";
import { action as queueAction, loader as queueLoader } from "~/routes/queue/applications";
import { normaliseText } from "~/shared/normalise-input";
import { createNetwork, createUser, type TestUser } from "../support/factories";
import { enterApplication } from "../support/intake";
import { naughtyStrings } from "../support/naughty-strings";
import { formPost, outcomeOf, routeContext } from "../support/route-call";
import { createTestDatabase } from "../support/test-database";

/**
 * Hostile text through the real actions of postal entry and the applicant's pages, on the
 * real database: a NUL byte (which PostgreSQL text cannot hold, and which once gave a 500 in
 * the prosecution, defence, lawyers and appeals sections), control characters, a value over
 * the length cap, and the big list of naughty strings. Each is either stored as normalised or
 * refused with a field error; none is an exception or a 500.
 */
const naughty = naughtyStrings();

let database: Database;
let intake: TestUser;
let applicationId: string;
let applicantId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  intake = await createUser(database.db, [
    { organisationId: network.id, roleKey: "intake_officer" },
  ]);
  const started = await enterApplication(database.db, intake, { fullName: "Nadia Okafor" });
  applicationId = started.applicationId;
  applicantId = started.applicantId;
});
afterAll(async () => {
  await database?.close();
});

type Action = (args: {
  request: Request;
  params: Record<string, string>;
  context: ReturnType<typeof routeContext>;
}) => Promise<unknown>;

const post = (action: Action, path: string, params: Record<string, string>, fields = {}) =>
  outcomeOf(() =>
    action({
      request: formPost(path, fields),
      params,
      context: routeContext(database, intake.acting),
    }),
  );

/** What a field holds once stored: normalised, then trimmed by the form's schema. */
const stored = (value: string) => normaliseText(value).trim() || undefined;

/** The failure's field errors: every refusal must name fields, never be an exception. */
function fieldErrors(out: { data?: unknown }): Record<string, string[]> {
  const result = (out.data as { result?: { error?: Record<string, string[]> } }).result;
  return result?.error ?? {};
}

async function application() {
  const [row] = await database.db
    .select({ version: applications.version, questionnaire: applications.questionnaire })
    .from(applications)
    .where(eq(applications.id, applicationId));
  if (!row) throw new Error("no application");
  return { version: row.version, questionnaire: row.questionnaire as Record<string, string> };
}

const HOSTILE_SECTIONS = ["prosecution", "defence", "lawyers", "appeals"] as const;
const sections = QUESTIONNAIRE_SECTIONS.filter((s) =>
  (HOSTILE_SECTIONS as readonly string[]).includes(s.key),
);

const saveSection = async (section: string, answers: Record<string, string>) => {
  const { version } = await application();
  return post(
    entryAction as Action,
    `/applications/${applicationId}/entry/${section}`,
    { id: applicationId, section },
    { ...answers, version: String(version), intent: "continue" },
  );
};

describe("postal entry: the first page", () => {
  const start = (fields: Record<string, string>) =>
    post(
      newApplicationAction as unknown as Action,
      "/applications/new",
      {},
      {
        receivedOn: "2026-11-02",
        channel: "post",
        consentSigned: "no",
        applicantChoice: "new",
        legalCorrespondence: "yes",
        ...fields,
      },
    );

  it("records an applicant whose name and address hold a NUL byte, with it removed", async () => {
    const out = await start({
      fullName: "Tobias\u0000 Wren",
      postalAddress: "Flat 2\u0000\nLeeds",
    });
    expect(out.status).toBe(302);
    const [row] = await database.db
      .select({ postalAddress: applicants.postalAddress })
      .from(applicants)
      .where(eq(applicants.fullName, "Tobias Wren"));
    expect(row?.postalAddress).toBe("Flat 2\nLeeds");
  });

  it("refuses a name over the length cap with a field error", async () => {
    const out = await start({ fullName: "T".repeat(100_001) });
    expect(out.status).toBe(400);
    expect(fieldErrors(out).fullName).toEqual(["Use at most 100,000 characters."]);
  });
});

describe("postal entry: prosecution, defence, lawyers and appeals", () => {
  it("has the four sections the hostile input went through", () => {
    expect(sections.map((s) => s.key)).toEqual([...HOSTILE_SECTIONS]);
  });

  it.each([...HOSTILE_SECTIONS])(
    "stores the %s section with a NUL byte and control characters removed, and goes on",
    async (key) => {
      const section = sections.find((s) => s.key === key);
      if (!section) throw new Error(`no section ${key}`);
      const answers = Object.fromEntries(
        section.questions.map((q) => [
          q.name,
          `Said\u0000 at trial\u0007 by Jose\u0301 (${q.name})`,
        ]),
      );
      const out = await saveSection(key, answers);
      expect(out.status).toBe(302);
      expect(out.location).toMatch(new RegExp(`^/applications/${applicationId}/entry/`));
      const { questionnaire } = await application();
      for (const q of section.questions)
        expect(questionnaire[q.name]).toBe(`Said at trial by José (${q.name})`);
    },
  );

  it("refuses an answer over the length cap with a field error, and keeps the earlier answer", async () => {
    const before = (await application()).questionnaire.prosecutionCase;
    const out = await saveSection("prosecution", { prosecutionCase: "x".repeat(100_001) });
    expect(out.status).toBe(400);
    expect(fieldErrors(out).prosecutionCase).toEqual(["Use at most 100,000 characters."]);
    expect((await application()).questionnaire.prosecutionCase).toBe(before);
  });

  it("stores every naughty string intact or refuses it with a field error, never a 500", async () => {
    const names = sections.flatMap((s) =>
      s.questions.map((q) => ({ section: s.key, name: q.name })),
    );
    let storedCount = 0;
    for (let i = 0; i < naughty.length; i += names.length) {
      const round = names.map((n, j) => ({ ...n, value: naughty[(i + j) % naughty.length] ?? "" }));
      for (const key of HOSTILE_SECTIONS) {
        const mine = round.filter((r) => r.section === key);
        const out = await saveSection(key, Object.fromEntries(mine.map((r) => [r.name, r.value])));
        if (out.status === 302) {
          const { questionnaire } = await application();
          for (const r of mine) expect(questionnaire[r.name]).toBe(stored(r.value));
          storedCount += 1;
        } else {
          expect(out.status).toBe(400);
          expect(Object.keys(fieldErrors(out)).length).toBeGreaterThan(0);
        }
      }
    }
    // The list is text a person could type: nearly all of it must be kept.
    expect(storedCount).toBeGreaterThan(0);
  });

  it("answers 404 for a section that does not exist and for an id that is not one", async () => {
    const noSection = await post(
      entryAction as Action,
      `/applications/${applicationId}/entry/nowhere`,
      { id: applicationId, section: "nowhere" },
      { version: "1" },
    );
    expect(noSection.status).toBe(404);
    const badId = await post(
      entryAction as Action,
      "/applications/%00/entry/prosecution",
      { id: "\u0000", section: "prosecution" },
      { version: "1" },
    );
    expect(badId.status).toBe(404);
  });
});

async function applicant() {
  const [row] = await database.db
    .select({
      version: applicants.version,
      fullName: applicants.fullName,
      postalAddress: applicants.postalAddress,
      language: applicants.language,
    })
    .from(applicants)
    .where(eq(applicants.id, applicantId));
  if (!row) throw new Error("no applicant");
  return row;
}

const editApplicant = async (fields: Record<string, string>) =>
  post(
    editAction as Action,
    `/applicants/${applicantId}/edit`,
    { id: applicantId },
    { legalCorrespondence: "yes", ...fields, version: String((await applicant()).version) },
  );

describe("the applicant's forms", () => {
  it("stores a name and address with a NUL byte removed", async () => {
    const out = await editApplicant({
      fullName: "Nadia\u0000 Okafor",
      postalAddress: "HMP Nowhere\u0000\nCell 4",
    });
    expect(out).toEqual({ status: 302, location: `/applicants/${applicantId}?saved=1` });
    expect(await applicant()).toMatchObject({
      fullName: "Nadia Okafor",
      postalAddress: "HMP Nowhere\nCell 4",
    });
  });

  it("stores every naughty string as a name, address and language, or gives a field error", async () => {
    for (const value of naughty) {
      const out = await editApplicant({ fullName: value, postalAddress: value, language: value });
      if (out.status === 302) {
        expect(await applicant()).toMatchObject({
          fullName: stored(value),
          postalAddress: stored(value) ?? null,
          language: stored(value) ?? null,
        });
      } else {
        expect(out.status).toBe(400);
        expect(Object.keys(fieldErrors(out)).length).toBeGreaterThan(0);
      }
    }
  });

  it("refuses a save over someone else's with 409, keeping what was typed", async () => {
    const { version } = await applicant();
    const out = await post(
      editAction as Action,
      `/applicants/${applicantId}/edit`,
      { id: applicantId },
      { fullName: "Nadia Okafor-Reyes", version: String(version - 1), legalCorrespondence: "yes" },
    );
    expect(out.status).toBe(409);
    const result = (out.data as { result: { initialValue: Record<string, string> } }).result;
    expect(result.initialValue.fullName).toBe("Nadia Okafor-Reyes");
  });

  it("adds a representative whose name and address hold naughty strings, or gives a field error", async () => {
    for (const value of naughty.slice(0, 120)) {
      const out = await post(
        representativesAction as Action,
        `/applicants/${applicantId}/representatives`,
        { id: applicantId },
        {
          intent: "add",
          name: value,
          address: value,
          relationship: "family",
          authorisedToReceive: "nothing",
        },
      );
      if (out.status === 302) {
        const rows = await database.db
          .select({ name: representatives.name, address: representatives.address })
          .from(representatives)
          .where(eq(representatives.applicantId, applicantId));
        expect(rows).toContainEqual({ name: stored(value), address: stored(value) ?? null });
      } else {
        expect(out.status).toBe(400);
        expect(Object.keys(fieldErrors(out)).length).toBeGreaterThan(0);
      }
    }
  });

  it("refuses a representative id or an establishment that is not one with a field error", async () => {
    const remove = await post(
      representativesAction as Action,
      `/applicants/${applicantId}/representatives`,
      { id: applicantId },
      { intent: "remove", representativeId: "'; drop table representatives; --\u0000" },
    );
    expect(remove.status).toBe(400);
    expect(fieldErrors(remove).representativeId).toEqual(["That is not a valid reference."]);
    const move = await post(
      moveAction as Action,
      `/applicants/${applicantId}/move`,
      { id: applicantId },
      {
        establishmentId: "\u0000",
        fromDate: "2026-11-01",
        version: String((await applicant()).version),
      },
    );
    expect(move.status).toBe(400);
    expect(fieldErrors(move).establishmentId).toEqual(["Choose where they are now"]);
  });
});

describe("the queue's filters and search", () => {
  const queue = (search: string) =>
    queueLoader({
      request: new Request(`http://localhost/applications${search}`),
      params: {},
      context: routeContext(database, intake.acting),
    } as unknown as Parameters<typeof queueLoader>[0]);

  it("reads a NUL byte or a 100,000-character query in every filter as text, never a 500", async () => {
    const long = "a".repeat(100_000);
    for (const value of ["\u0000", `Okafor\u0000`, long, `${long}\u0000`, "%00", "'; --"]) {
      const params = new URLSearchParams();
      for (const name of [
        "q",
        "state",
        "channel",
        "receivedFrom",
        "receivedTo",
        "establishment",
        "assignee",
        "sort",
        "after",
        "before",
        "page",
      ])
        params.set(name, value);
      const page = await queue(`?${params}`);
      expect(page.filters.q?.length ?? 0).toBeLessThanOrEqual(100);
      expect(page.filters.q ?? "").not.toContain("\u0000");
      expect(page.raw.receivedFrom).not.toContain("\u0000");
    }
  });

  it("finds an applicant searched for with a NUL byte in the name", async () => {
    // Tobias Wren was recorded on the first page above; Nadia's name is rewritten by then.
    const page = await queue(`?q=${encodeURIComponent("Tobias Wr\u0000en")}`);
    expect(page.page.rows.map((r) => r.applicantName)).toContain("Tobias Wren");
  });

  it("assigns one ticked application through the bulk form, and refuses a forged id", async () => {
    const one = await post(
      queueAction as Action,
      "/applications",
      {},
      {
        intent: "assign",
        ids: applicationId,
        assigneeId: intake.id,
      },
    );
    expect(one.status).toBe(200);
    expect(one.data).toMatchObject({ intent: "assign", done: true, value: { changed: 1 } });
    const forged = await post(
      queueAction as Action,
      "/applications",
      {},
      {
        intent: "assign",
        ids: "\u0000' or 1=1",
        assigneeId: "none",
      },
    );
    expect(forged.status).toBe(400);
    expect(Object.values(fieldErrors(forged)).flat()).toContain(
      "Select applications from the list",
    );
  });
});
