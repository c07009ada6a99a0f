import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "~/db/database.server";
import {
  caseCorrespondence,
  caseNotes,
  casePapers,
  casePeople,
  caseReviews,
  chronologyEvents,
  evidenceItems,
  investigationCategories,
  people,
  timeEntries,
} from "~/db/schema";
import { caseLines } from "~/db/schema/referrals";
import { action as chronologyAction } from "~/routes/cases/chronology";
import { action as correspondenceAction } from "~/routes/cases/correspondence";
import { action as evidenceAction } from "~/routes/cases/evidence";
import { action as linesAction } from "~/routes/cases/lines";
import { action as notesAction } from "~/routes/cases/notes";
import { action as papersAction } from "~/routes/cases/papers";
import { action as peopleAction } from "~/routes/cases/people";
import { action as reviewsAction } from "~/routes/cases/reviews";
import { action as timeAction } from "~/routes/cases/time";
import { loader as searchLoader } from "~/routes/search";
import { normaliseText } from "~/shared/normalise-input";
import { acceptedCase, setUpCasework } from "../support/casework-scenario";
import type { TestUser } from "../support/factories";
import { naughtyStrings } from "../support/naughty-strings";
import { formPost, outcomeOf, routeContext } from "../support/route-call";

/**
 * The case file's forms through their real route actions, on the real database under
 * row-level security: a form posted again with the same one-time key adds nothing, and every
 * naughty string (the Big List of Naughty Strings, and a NUL byte) typed into every text field
 * of every form that adds to the file is either refused with a field error or stored exactly
 * as normalised — never an exception or a 500.
 */
const ctx = setUpCasework("casework-forms");
let caseId: string;
let caseworker: TestUser;
let category: string;
let database: Parameters<typeof routeContext>[0];

beforeAll(async () => {
  const { lead } = ctx.people.second;
  ({ caseworker } = ctx.people.second);
  caseId = (await acceptedCase(ctx, { project: "second", team: [caseworker] })).caseId;
  database = { db: ctx.db } as Parameters<typeof routeContext>[0];
  const [row] = await ctx.as(lead, (tx) =>
    tx
      .select({ key: investigationCategories.key })
      .from(investigationCategories)
      .where(eq(investigationCategories.active, true))
      .limit(1),
  );
  category = row?.key ?? "";
});

type Action = (args: {
  request: Request;
  params: Record<string, string>;
  context: ReturnType<typeof routeContext>;
}) => Promise<unknown>;

const post = (action: Action, page: string, fields: Record<string, string>) =>
  outcomeOf(() =>
    action({
      request: formPost(`/cases/${caseId}/${page}`, fields),
      params: { id: caseId },
      context: routeContext(database, caseworker.acting),
    }),
  );

const today = new Date().toISOString().slice(0, 10);

/**
 * A form that adds to the case file: the fields that make it valid, the text fields a naughty
 * string goes into, and how to read back what each row of the case holds in those fields.
 */
interface CaseForm {
  page: string;
  action: Action;
  valid: Record<string, string>;
  naughty: string[];
  rows: (tx: Tx) => Promise<({ id: string } & Record<string, string | null>)[]>;
}

const FORMS: Record<string, CaseForm> = {
  notes: {
    page: "notes",
    action: notesAction as Action,
    valid: { intent: "add" },
    naughty: ["body"],
    rows: (tx) =>
      tx
        .select({ id: caseNotes.id, body: caseNotes.body })
        .from(caseNotes)
        .where(eq(caseNotes.caseId, caseId)),
  },
  evidence: {
    page: "evidence",
    action: evidenceAction as Action,
    valid: { intent: "save", kind: "forensic", usedAtTrial: "unknown" },
    naughty: ["description", "source", "howChallenged"],
    rows: (tx) =>
      tx
        .select({
          id: evidenceItems.id,
          description: evidenceItems.description,
          source: evidenceItems.source,
          howChallenged: evidenceItems.howChallenged,
        })
        .from(evidenceItems)
        .where(eq(evidenceItems.caseId, caseId)),
  },
  lines: {
    page: "lines",
    action: linesAction as Action,
    valid: { intent: "add" },
    naughty: ["description", "rationale"],
    rows: (tx) =>
      tx
        .select({
          id: caseLines.id,
          description: caseLines.description,
          rationale: caseLines.rationale,
        })
        .from(caseLines)
        .where(eq(caseLines.caseId, caseId)),
  },
  chronology: {
    page: "chronology",
    action: chronologyAction as Action,
    valid: { intent: "add", occurredOn: "2018-11-03" },
    naughty: ["timeNote", "description", "source"],
    rows: (tx) =>
      tx
        .select({
          id: chronologyEvents.id,
          timeNote: sql<string>`coalesce(${chronologyEvents.timeNote}, '')`,
          description: chronologyEvents.description,
          source: chronologyEvents.source,
        })
        .from(chronologyEvents)
        .where(eq(chronologyEvents.caseId, caseId)),
  },
  people: {
    page: "people",
    action: peopleAction as Action,
    valid: { intent: "add", kind: "witness" },
    naughty: ["name", "description", "role", "notes"],
    rows: (tx) =>
      tx
        .select({
          id: casePeople.id,
          name: people.name,
          description: people.description,
          role: casePeople.role,
          notes: casePeople.notes,
        })
        .from(casePeople)
        .innerJoin(people, eq(people.id, casePeople.personId))
        .where(eq(casePeople.caseId, caseId)),
  },
  reviews: {
    page: "reviews",
    action: reviewsAction as Action,
    valid: { intent: "add", heldOn: today },
    naughty: ["attendees", "decisions", "actions"],
    rows: (tx) =>
      tx
        .select({
          id: caseReviews.id,
          attendees: caseReviews.attendees,
          decisions: caseReviews.decisions,
          actions: caseReviews.actions,
        })
        .from(caseReviews)
        .where(eq(caseReviews.caseId, caseId)),
  },
  time: {
    page: "time",
    action: timeAction as Action,
    valid: { intent: "add", workedOn: today, minutes: "30" },
    naughty: ["activity"],
    rows: (tx) =>
      tx
        .select({ id: timeEntries.id, activity: timeEntries.activity })
        .from(timeEntries)
        .where(eq(timeEntries.caseId, caseId)),
  },
  correspondence: {
    page: "correspondence",
    action: correspondenceAction as Action,
    valid: {
      intent: "add",
      direction: "in",
      kind: "letter",
      withWhom: "third_party",
      occurredOn: today,
    },
    naughty: ["thirdParty", "summary"],
    rows: (tx) =>
      tx
        .select({
          id: caseCorrespondence.id,
          thirdParty: caseCorrespondence.party,
          summary: caseCorrespondence.summary,
        })
        .from(caseCorrespondence)
        .where(eq(caseCorrespondence.caseId, caseId)),
  },
  papers: {
    page: "papers",
    action: papersAction as Action,
    valid: { intent: "paper", kind: "trial_transcript", held: "no" },
    naughty: ["description", "location"],
    rows: (tx) =>
      tx
        .select({
          id: casePapers.id,
          description: casePapers.description,
          location: casePapers.location,
        })
        .from(casePapers)
        .where(eq(casePapers.caseId, caseId)),
  },
};

/** What a field holds once stored: normalised as every typed value is, then trimmed by its schema. */
const stored = (typed: string) => normaliseText(typed).trim();

const NAUGHTY: string[] = [...naughtyStrings(), "\u0000", "before\u0000after", "\u0000 \u0000"];

describe("a case form posted again with the same one-time key", () => {
  it("adds the evidence once, and sends both posts to the same place", async () => {
    const description = `Shoe print on the sill ${randomUUID()}`;
    const fields = {
      intent: "save",
      kind: "forensic",
      description,
      usedAtTrial: "unknown",
      _submission: randomUUID(),
    };
    const first = await post(evidenceAction as Action, "evidence", fields);
    expect(first).toEqual({ status: 302, location: `/cases/${caseId}/evidence?saved=1` });
    // Back and resend, or a double click.
    expect(await post(evidenceAction as Action, "evidence", fields)).toEqual(first);
    const items = await ctx.as(caseworker, (tx) =>
      tx
        .select({ id: evidenceItems.id })
        .from(evidenceItems)
        .where(and(eq(evidenceItems.caseId, caseId), eq(evidenceItems.description, description))),
    );
    expect(items).toHaveLength(1);
    // A new key (the page drawn anew after the add) adds another.
    const again = await post(evidenceAction as Action, "evidence", {
      ...fields,
      _submission: randomUUID(),
    });
    expect(again.status).toBe(302);
  });
});

/**
 * Which naughty strings a form is given. The forms share one normalisation, so the list is dealt
 * out among them: each form takes every third string, in turn, and every string goes through
 * three forms of different shapes. `NAUGHTY=all` gives every form every string.
 */
const dealt = (formIndex: number) =>
  process.env.NAUGHTY === "all" ? NAUGHTY : NAUGHTY.filter((_, i) => i % 3 === formIndex % 3);

describe("naughty strings through every case form", () => {
  for (const [index, [name, form]] of Object.entries(FORMS).entries()) {
    it(`${name}: each is refused on its field or stored as typed, normalised`, async () => {
      const valid = name === "lines" ? { ...form.valid, category } : form.valid;
      const known = new Set((await ctx.as(caseworker, form.rows)).map((r) => r.id));
      const problems: string[] = [];
      for (const typed of dealt(index)) {
        const fields: Record<string, string> = { ...valid };
        for (const field of form.naughty) fields[field] = typed;
        const out = await post(form.action, form.page, fields).catch((error: unknown) => ({
          status: 500,
          data: String(error),
        }));
        const rows = (await ctx.as(caseworker, form.rows)).filter((r) => !known.has(r.id));
        for (const row of rows) known.add(row.id);
        const said = JSON.stringify(typed);
        if (out.status === 302) {
          if (rows.length !== 1) problems.push(`${said}: ${rows.length} rows added`);
          for (const field of form.naughty)
            if (rows[0]?.[field] !== stored(typed))
              problems.push(`${said}: ${field} stored as ${JSON.stringify(rows[0]?.[field])}`);
        } else {
          const errors = (out.data as { result?: { error?: Record<string, unknown> } })?.result
            ?.error;
          const onFields = Object.keys(errors ?? {}).filter((k) => form.naughty.includes(k));
          if (![400, 422].includes(out.status) || onFields.length === 0 || rows.length > 0)
            problems.push(`${said}: ${out.status} ${JSON.stringify(out.data)}`);
        }
      }
      expect(problems).toEqual([]);
    }, 300_000);
  }
});

describe("case search with a hostile query", () => {
  const search = (q: string) =>
    searchLoader({
      request: new Request(`http://localhost/search?q=${encodeURIComponent(q)}`),
      params: {},
      context: routeContext(database, caseworker.acting),
    } as unknown as Parameters<typeof searchLoader>[0]);

  it("searches without the NUL byte, never failing", async () => {
    const found = await search("shoe\u0000 print");
    expect(found.searched).toBe(true);
    expect(found.query).toBe("shoe print");
    const onlyNul = await search("\u0000\u0000");
    expect(onlyNul.searched).toBe(false);
  });

  it("answers a 100,000-character query with a search of its start", async () => {
    const found = await search("print ".repeat(20_000).slice(0, 100_000));
    expect(found.searched).toBe(true);
    expect(found.query.length).toBeLessThanOrEqual(200);
  });

  it("answers every naughty string as a search, never an exception", async () => {
    const failed: string[] = [];
    for (const q of NAUGHTY) await search(q).catch(() => failed.push(JSON.stringify(q)));
    expect(failed).toEqual([]);
  });
});
