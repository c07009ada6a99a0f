import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { caseNotes } from "~/db/schema";
import { conflict, forbidden, invalid, notFound } from "~/errors/app-error";
import { action as notesAction } from "~/routes/cases/notes";
import { formAction } from "~/ui/form-action.server";
import { acceptedCase, setUpCasework } from "../support/casework-scenario";
import type { TestUser } from "../support/factories";
import { formPost, outcomeOf, routeContext } from "../support/route-call";

/**
 * The form-action pipeline (app/ui/form-action.server.ts), through a real route — the case
 * notes page — and through a page declared here, on the real database under row-level
 * security: a field error, a domain refusal, an id that is not one, a forbidden action,
 * the same form posted twice, and input that PostgreSQL could not store.
 */
const ctx = setUpCasework("form-action");
let caseId: string;
let lead: TestUser;
let caseworker: TestUser;
let database: Parameters<typeof routeContext>[0];

beforeAll(async () => {
  ({ lead, caseworker } = ctx.people.second);
  caseId = (await acceptedCase(ctx, { project: "second", team: [caseworker] })).caseId;
  // The database handle the routes get, as the server gives it to them.
  database = { db: ctx.db } as Parameters<typeof routeContext>[0];
});

const post = (user: TestUser, fields: Record<string, string>, id = caseId) =>
  outcomeOf(() =>
    notesAction({
      request: formPost(`/cases/${id}/notes`, fields),
      params: { id },
      context: routeContext(database, user.acting),
    }),
  );

const notesWith = (text: string) =>
  ctx.as(lead, (tx) =>
    tx
      .select({ id: caseNotes.id, body: caseNotes.body })
      .from(caseNotes)
      .where(and(eq(caseNotes.caseId, caseId), sql`${caseNotes.body} like ${`%${text}%`}`)),
  );

describe("the form-action pipeline on the notes page", () => {
  it("adds a note and redirects, so a reload posts nothing", async () => {
    const text = `Visited the scene ${randomUUID()}`;
    const out = await post(caseworker, { intent: "add", body: text });
    expect(out).toEqual({ status: 302, location: `/cases/${caseId}/notes?added=1` });
    expect(await notesWith(text)).toHaveLength(1);
  });

  it("gives a field error with what was typed (400) and writes nothing", async () => {
    const out = await post(caseworker, { intent: "add", body: "   " });
    expect(out.status).toBe(400);
    const { intent, result } = out.data as { intent: string; result: { error: object } };
    expect(intent).toBe("add");
    expect(result.error).toEqual({ body: ["Write the note"] });
  });

  it("turns a domain conflict into a form error (409), keeping the page", async () => {
    const text = `For sign-off ${randomUUID()}`;
    await post(caseworker, { intent: "add", body: text, needsSignOff: "on" });
    const [note] = await notesWith(text);
    expect(note).toBeDefined();
    const first = await post(lead, { intent: "sign-off", noteId: note?.id ?? "" });
    expect(first.status).toBe(302);
    const again = await post(lead, { intent: "sign-off", noteId: note?.id ?? "" });
    expect(again.status).toBe(409);
    expect(again.data).toMatchObject({
      intent: "sign-off",
      result: { error: { "": ["The note has already been signed off."] } },
    });
  });

  it("answers 404 for a path id that is not an id, before anything runs", async () => {
    const out = await post(caseworker, { intent: "add", body: "x" }, "not-a-case");
    expect(out.status).toBe(404);
    const missing = await post(caseworker, { intent: "add", body: "x" }, "%00");
    expect(missing.status).toBe(404);
  });

  it("shows a forbidden action as the error page (403), and writes nothing", async () => {
    const text = `Lead's own ${randomUUID()}`;
    await post(lead, { intent: "add", body: text });
    const [note] = await notesWith(text);
    const out = await post(caseworker, {
      intent: "edit",
      noteId: note?.id ?? "",
      body: "Rewritten by someone else",
    });
    expect(out.status).toBe(403);
    expect((await notesWith(text))[0]?.body).toBe(text);
  });

  it("refuses an intent the page does not have (400)", async () => {
    const out = await post(caseworker, { intent: "delete-everything", body: "x" });
    expect(out.status).toBe(400);
  });

  it("runs a form posted twice with the same key once, and sends both to the same place", async () => {
    const text = `Double click ${randomUUID()}`;
    const key = randomUUID();
    const fields = { intent: "add", body: text, _submission: key };
    const [a, b] = await Promise.all([post(caseworker, fields), post(caseworker, fields)]);
    expect(a).toEqual({ status: 302, location: `/cases/${caseId}/notes?added=1` });
    expect(b).toEqual(a);
    // Back and resend, later.
    expect(await post(caseworker, fields)).toEqual(a);
    expect(await notesWith(text)).toHaveLength(1);
    // Another user's key is their own.
    const lead1 = await post(lead, { ...fields, body: `${text} (lead)` });
    expect(lead1.status).toBe(302);
    expect(await notesWith(text)).toHaveLength(2);
  });

  it("does not spend the key of a form that failed, so it can be corrected and sent", async () => {
    const key = randomUUID();
    const bad = await post(caseworker, { intent: "add", body: "", _submission: key });
    expect(bad.status).toBe(400);
    const text = `Corrected ${randomUUID()}`;
    const good = await post(caseworker, { intent: "add", body: text, _submission: key });
    expect(good.status).toBe(302);
    expect(await notesWith(text)).toHaveLength(1);
  });

  it("stores text PostgreSQL could not hold once normalised: NUL and control characters removed, NFC", async () => {
    const tag = randomUUID();
    const out = await post(caseworker, {
      intent: "add",
      body: `Jose\u0301 said\u0000 it was dark\u0007 ${tag}`,
    });
    expect(out.status).toBe(302);
    expect((await notesWith(tag))[0]?.body).toBe(`José said it was dark ${tag}`);
  });

  it("refuses a value over the length cap with a field error, never a database error", async () => {
    const out = await post(caseworker, { intent: "add", body: "a".repeat(100_001) });
    expect(out.status).toBe(400);
    expect(out.data).toMatchObject({
      result: { error: { body: ["Use at most 100,000 characters."] } },
    });
  });
});

describe("the pipeline's status policy", () => {
  const Schema = z.object({ name: z.string().min(1, "Enter a name") });
  const page = (thrown: Error) =>
    formAction({
      ids: ["id"],
      intents: (intent) => ({
        save: intent({
          schema: Schema,
          run: async (_input, { tx }): Promise<void> => {
            // Written, then refused: the refusal must roll the write back.
            await tx.execute(sql`select 1`);
            throw thrown;
          },
          done: (_, ids) => `/things/${ids.id}`,
        }),
      }),
    });
  const call = (thrown: Error, fields: Record<string, string>) => {
    const id = randomUUID();
    return outcomeOf(() =>
      page(thrown)({
        request: formPost(`/things/${id}`, fields),
        params: { id },
        context: routeContext(database, caseworker.acting),
      }),
    );
  };

  it("maps each domain error to its own status, in the form or as the page", async () => {
    const named = invalid("That name is taken.", { field: "name" });
    expect(await call(named, { name: "x" })).toMatchObject({
      status: 422,
      data: { intent: "save", result: { error: { name: ["That name is taken."] } } },
    });
    expect(await call(conflict("Changed meanwhile."), { name: "x" })).toMatchObject({
      status: 409,
      data: { result: { error: { "": ["Changed meanwhile."] } } },
    });
    expect((await call(notFound("thing"), { name: "x" })).status).toBe(404);
    expect((await call(forbidden(), { name: "x" })).status).toBe(403);
    // The default intent is the first, when the form posts none.
    expect((await call(conflict("x"), { name: "" })).status).toBe(400);
  });

  it("lets an unexpected error through, to be logged and shown as the error page", async () => {
    await expect(call(new Error("disk on fire"), { name: "x" })).rejects.toThrow("disk on fire");
  });

  it("runs prepare before the transaction, and shows its refusal in the form without running", async () => {
    let ran = false;
    const upload = formAction({
      readForm: async (request) => {
        const form = await request.formData();
        if (form.get("name") === "unreadable")
          throw invalid("The file could not be read.", {
            field: "name",
            typed: { name: "unreadable", note: 42 },
          });
        return form;
      },
      intents: (intent) => ({
        upload: intent({
          schema: Schema,
          prepare: async ({ name }) => {
            if (name === "bomb") throw invalid("Too big once unpacked.", { field: "name" });
            return { length: name.length };
          },
          run: async (_input, { prepared }) => {
            ran = true;
            return prepared.length;
          },
        }),
      }),
    });
    const send = (name: string) =>
      outcomeOf(() =>
        upload({
          request: formPost("/upload", { name }),
          params: {},
          context: routeContext(database, caseworker.acting),
        }),
      );
    expect(await send("bomb")).toMatchObject({
      status: 422,
      data: { intent: "upload", result: { error: { name: ["Too big once unpacked."] } } },
    });
    expect(ran).toBe(false);
    const unreadable = await send("unreadable");
    expect((unreadable.data as { result: { initialValue: object } }).result.initialValue).toEqual({
      name: "unreadable",
    });
    expect(unreadable).toMatchObject({
      status: 422,
      data: {
        intent: "upload",
        // What was typed before the refusal goes back to the form (text only).
        result: {
          error: { name: ["The file could not be read."] },
          initialValue: { name: "unreadable" },
        },
      },
    });
    expect(await send("fine")).toMatchObject({
      status: 200,
      data: { intent: "upload", done: true, value: 4 },
    });
    expect(ran).toBe(true);
  });

  it("runs afterCommit work only once the change has committed, never after a refusal", async () => {
    const sent: string[] = [];
    const page = formAction({
      intents: (intent) => ({
        save: intent({
          schema: Schema,
          run: async ({ name }, { afterCommit }) => {
            afterCommit([async () => void sent.push(name)]);
            if (name === "refused") throw conflict("Changed meanwhile.");
          },
          done: "/saved",
        }),
      }),
    });
    const send = (name: string) =>
      outcomeOf(() =>
        page({
          request: formPost("/save", { name }),
          params: {},
          context: routeContext(database, caseworker.acting),
        }),
      );
    expect((await send("refused")).status).toBe(409);
    expect(sent).toEqual([]);
    expect(await send("kept")).toEqual({ status: 302, location: "/saved" });
    expect(sent).toEqual(["kept"]);
  });

  it("takes a password exactly as typed and never sends it back with a failure", async () => {
    const seen: string[] = [];
    const page = formAction({
      intents: (intent) => ({
        signIn: intent({
          schema: z.object({ name: z.string(), password: z.string() }),
          hide: ["password"],
          asTyped: ["password"],
          run: async ({ name, password }): Promise<void> => {
            seen.push(name, password);
            throw invalid("Not right.");
          },
          done: "/in",
        }),
      }),
    });
    // e + combining acute, and a control character: normalised in the name, kept in the password.
    const typed = "cafe\u0301\u0007";
    const outcome = await outcomeOf(() =>
      page({
        request: formPost("/sign-in", { name: typed, password: typed }),
        params: {},
        context: routeContext(database, caseworker.acting),
      }),
    );
    expect(seen).toEqual(["caf\u00e9", typed]);
    expect(outcome).toMatchObject({
      status: 422,
      data: { result: { error: { "": ["Not right."] } } },
    });
    const sentBack = JSON.stringify(outcome);
    expect(sentBack).toContain("caf\u00e9");
    expect(sentBack).not.toContain("\\u0007");
    expect(sentBack).not.toContain("cafe\u0301");
  });
});
