import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { and, eq } from "drizzle-orm";
import { data, type RouterContextProvider, redirect } from "react-router";
import type { z } from "zod";
import { actingFrom } from "~/access/access.server";
import type { Acting } from "~/access/acting";
import { servicesContext } from "~/context.server";
import { asUser, type Tx } from "~/db/database.server";
import { formSubmissions } from "~/db/schema";
import { AppError } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import { MAX_FIELD_LENGTH, normaliseFormData } from "~/shared/normalise-input";

/**
 * The one form-action pipeline (docs/decisions/013-form-action-pipeline.md).
 *
 * A route declares the ids in its path and, for each intent its forms post (the `intent`
 * field; a form without one posts the first intent declared), a schema, the domain call and
 * where to go when it is done. The pipeline does the rest, the same way for every form:
 *
 * 1. path ids that are not ids are a 404 before anything runs;
 * 2. every typed value is normalised (control characters removed, NFC) and capped in length —
 *    but for the fields an intent takes `asTyped` (passwords), which are only capped;
 * 3. the form is parsed with its schema (Conform): a failure goes back to the form, with what
 *    was typed, as 400;
 * 4. the domain call runs as the viewer, in one transaction under row-level security;
 * 5. a domain refusal comes back to the form with the error's own status — INVALID 422 (on
 *    the field it names in `details.field`, if the form has it), CONFLICT 409, THROTTLED 429 —
 *    and the transaction is rolled back; NOT_FOUND and FORBIDDEN are the error page;
 * 6. done, it redirects (so a reload does not post again). The submission's one-time key
 *    (`_submission`, carried by every form through `CsrfInput`) is recorded in the same
 *    transaction: the same form posted again — a double click, Back and resend — goes where
 *    the first went and runs nothing.
 */

type Params = Record<string, string | undefined>;

export interface ActionArgs {
  request: Request;
  params: Params;
  context: Readonly<RouterContextProvider>;
}

/** What a viewer intent's domain call receives besides its input. */
export interface ViewerRun<Ids extends string> {
  tx: Tx;
  acting: Acting;
  ids: Record<Ids, string>;
  args: ActionArgs;
  /**
   * Work that may only happen once the change has committed — e-mail deliveries, which must
   * not go out for a change rolled back and which update their outbox row on a connection of
   * their own. Run in order after the commit; never for a submission that failed.
   */
  afterCommit: (work: readonly (() => Promise<void>)[]) => void;
}

/** What a public intent's call receives: no one is signed in, so no transaction is opened. */
export interface PublicRun<Ids extends string> {
  ids: Record<Ids, string>;
  args: ActionArgs;
}

type Done<T, Ids extends string> = string | ((value: T, ids: Record<Ids, string>) => string);

export interface Intent<Schema extends z.ZodType, T, Run, Ids extends string, P = undefined> {
  schema: Schema;
  /**
   * Heavy work on the input before the transaction opens (reading an uploaded file in a
   * worker): on the embedded database a transaction holds the only connection, so nothing
   * slow may run inside one. Its refusals are shown in the form like the call's.
   */
  prepare?: (input: z.output<Schema>, run: PublicRun<Ids>) => Promise<P>;
  run: (input: z.output<Schema>, run: Run & { prepared: P }) => Promise<T>;
  /**
   * Where to go when it is done. Without it the action answers 200 with the value, for
   * pages that show the result in place.
   */
  done?: Done<T, Ids>;
  /** Fields never sent back to the page with a failure (passwords): they are typed again. */
  hide?: readonly string[];
  /**
   * Fields taken exactly as typed, not normalised (passwords, which are compared as they were
   * set); their length is still capped.
   */
  asTyped?: readonly string[];
}

/** The answer to a form that failed, rendered by the page beside what was typed. */
export interface FormFailure {
  intent: string;
  result: SubmissionResult<string[]>;
}

/** The answer to an intent without `done`. */
export interface FormDone<T = unknown> {
  intent: string;
  done: true;
  value: T;
}

/** An intent of any schema and value, once declared (each was type-checked by `intent`). */
interface AnyIntent {
  schema: z.ZodType;
  // biome-ignore lint/suspicious/noExplicitAny: each intent has its own input
  prepare?: (input: any, run: any) => Promise<unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: each intent has its own input
  run: (input: any, run: any) => Promise<unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: and its own value
  done?: string | ((value: any, ids: any) => string);
  hide?: readonly string[];
  asTyped?: readonly string[];
}

/** Declares one intent, typing its call's input from its schema and `done`'s value from the call. */
type IntentBuilder<Run, Ids extends string> = <Schema extends z.ZodType, T, P = undefined>(
  intent: Intent<Schema, T, Run, Ids, P>,
) => Intent<Schema, T, Run, Ids, P>;

export interface FormActionSpec<Ids extends string, Run> {
  /** Path parameters that must be ids; one that is not gives 404. */
  ids?: readonly Ids[];
  /** The page's intents, by the value of the forms' `intent` field; the first is the default. */
  intents: (intent: IntentBuilder<Run, Ids>) => Record<string, AnyIntent>;
  /**
   * Reads the body, for forms that are not plain (uploads parsed with limits). A refusal it
   * throws (`invalid(message, { field, typed })`) goes back to the page's first form, with
   * `typed` (the text fields read before the refusal) as what was typed.
   */
  readForm?: (request: Request) => Promise<FormData>;
}

const identity = <I>(i: I) => i;

const notFoundPage = () => data({ message: "We could not find that page." }, { status: 404 });

/** The path ids a route declares, or a 404 if one is missing or not an id. */
export function requireIds<Ids extends string>(
  params: Params,
  ids: readonly Ids[],
): Record<Ids, string> {
  const out = {} as Record<Ids, string>;
  for (const name of ids) {
    const value = params[name];
    if (!isId(value)) throw notFoundPage();
    out[name] = value;
  }
  return out;
}

/** A value of the form as one string, for the intent and the submission key. */
function field(formData: FormData, name: string): string | null {
  const v = formData.get(name);
  return typeof v === "string" ? v : null;
}

function chooseIntent<I>(intents: Record<string, I>, formData: FormData): [string, I] {
  const name = field(formData, "intent");
  const names = Object.keys(intents);
  const chosen = name !== null && name in intents ? name : name === null ? names[0] : undefined;
  // A posted intent the route does not have is a bad request, not a guess.
  if (chosen === undefined || !intents[chosen])
    throw data({ message: "That form is not one of this page's." }, { status: 400 });
  return [chosen, intents[chosen]];
}

/** A domain refusal as the form's reply: on the field it names, if the form has that field. */
function refusalReply(
  submission: { reply: (o?: object) => SubmissionResult<string[]> },
  formData: FormData,
  error: AppError,
  hideFields: string[] = [],
): SubmissionResult<string[]> {
  const named = typeof error.details.field === "string" ? error.details.field : null;
  if (named && formData.has(named))
    return submission.reply({ fieldErrors: { [named]: [error.message] }, hideFields });
  return submission.reply({ formErrors: [error.message], hideFields });
}

const SHOWN_IN_FORM = new Set(["INVALID", "CONFLICT", "THROTTLED"]);

function typedValues(typed: unknown): Record<string, string> {
  if (typeof typed !== "object" || typed === null) return {};
  return Object.fromEntries(
    Object.entries(typed).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}

async function readAndParse(
  spec: { intents: Record<string, AnyIntent>; readForm?: (request: Request) => Promise<FormData> },
  request: Request,
) {
  let raw: FormData;
  try {
    raw = spec.readForm ? await spec.readForm(request) : await request.formData();
  } catch (error) {
    if (!(error instanceof AppError && SHOWN_IN_FORM.has(error.code))) throw error;
    const named = typeof error.details.field === "string" ? error.details.field : "";
    // What was typed before the refusal (`details.typed`, the text fields an upload read before
    // its file was refused) goes back to the form. Never null: null would tell Conform to reset
    // the form and drop the error.
    const result: SubmissionResult<string[]> = {
      status: "error",
      initialValue: typedValues(error.details.typed),
      error: { [named]: [error.message] },
      state: { validated: { [named]: true } },
    };
    const first = Object.keys(spec.intents)[0] ?? "";
    return { failed: data<FormFailure>({ intent: first, result }, { status: error.status }) };
  }
  const asTyped = new Set(Object.values(spec.intents).flatMap((i) => i.asTyped ?? []));
  const { formData, tooLong } = normaliseFormData(raw, asTyped);
  const [intent, chosen] = chooseIntent(spec.intents, formData);
  const submission = parseWithZod(formData, { schema: chosen.schema });
  const hideFields = [...(chosen.hide ?? [])];
  const fail = (result: SubmissionResult<string[]>, status: number) =>
    data<FormFailure>({ intent, result }, { status });
  if (tooLong.length > 0) {
    const message = `Use at most ${MAX_FIELD_LENGTH.toLocaleString("en-GB")} characters.`;
    const fieldErrors = Object.fromEntries(tooLong.map((t) => [t.name, [message]]));
    return { failed: fail(submission.reply({ fieldErrors, hideFields }), 400) } as const;
  }
  if (submission.status !== "success")
    return { failed: fail(submission.reply({ hideFields }), 400) } as const;
  return { intent, chosen, submission, formData, fail, hideFields } as const;
}

function toForm(
  error: unknown,
  parsed: {
    submission: Parameters<typeof refusalReply>[0];
    formData: FormData;
    hideFields: string[];
  },
  fail: (result: SubmissionResult<string[]>, status: number) => unknown,
) {
  if (error instanceof AppError && SHOWN_IN_FORM.has(error.code))
    return fail(
      refusalReply(parsed.submission, parsed.formData, error, parsed.hideFields),
      error.status,
    );
  if (error instanceof AppError)
    throw data({ message: error.message, code: error.code }, { status: error.status });
  throw error;
}

function finish<T>(intent: string, done: Done<T, string> | undefined, value: T, ids: Params) {
  // A call that answers with a file (a PDF to print, a CSV) answers the request itself.
  if (value instanceof Response) return value;
  if (done === undefined) return data<FormDone<T>>({ intent, done: true, value });
  return redirect(typeof done === "string" ? done : done(value, ids as Record<string, string>));
}

/**
 * The action of a page whose forms are used by a signed-in viewer. The route's middleware
 * has already declared and checked its access; the domain call checks its own policy.
 */
export function formAction<const Ids extends string = never>(
  spec: FormActionSpec<Ids, ViewerRun<Ids>>,
) {
  const intents = spec.intents(identity);
  return async (args: ActionArgs) => {
    const ids = requireIds(args.params, spec.ids ?? []);
    const parsed = await readAndParse({ intents, readForm: spec.readForm }, args.request);
    if ("failed" in parsed) return parsed.failed;
    const { intent, chosen, submission, formData, fail, hideFields } = parsed;
    const acting = actingFrom(args.context);
    const { database } = args.context.get(servicesContext);
    const posted = field(formData, "_submission");
    const key = chosen.done !== undefined && isId(posted) ? posted : null;
    try {
      const prepared = await chosen.prepare?.(submission.value, { ids, args });
      const later: (() => Promise<void>)[] = [];
      const afterCommit = (work: readonly (() => Promise<void>)[]) => void later.push(...work);
      const outcome = await asUser(database.db, acting.viewer.id, async (tx) => {
        if (key) {
          const seen = await claimSubmission(tx, acting.viewer.id, key);
          if (seen !== null) return { again: seen };
        }
        const run = { tx, acting, ids, args, prepared, afterCommit };
        const value = await chosen.run(submission.value, run);
        const response = finish(intent, chosen.done, value, ids);
        if (key && response instanceof Response)
          await recordLocation(tx, acting.viewer.id, key, response.headers.get("Location") ?? "/");
        return { response };
      });
      if ("again" in outcome && outcome.again) return redirect(outcome.again);
      for (const work of later) await work();
      return outcome.response;
    } catch (error) {
      return toForm(error, { submission, formData, hideFields }, fail);
    }
  };
}

/** The action of a public page (no one signed in): the same parsing and error policy. */
export function publicFormAction<const Ids extends string = never>(
  spec: FormActionSpec<Ids, PublicRun<Ids>>,
) {
  const intents = spec.intents(identity);
  return async (args: ActionArgs) => {
    const ids = requireIds(args.params, spec.ids ?? []);
    const parsed = await readAndParse({ intents, readForm: spec.readForm }, args.request);
    if ("failed" in parsed) return parsed.failed;
    const { intent, chosen, submission, formData, fail, hideFields } = parsed;
    try {
      const prepared = await chosen.prepare?.(submission.value, { ids, args });
      const value = await chosen.run(submission.value, { ids, args, prepared });
      return finish(intent, chosen.done, value, ids);
    } catch (error) {
      return toForm(error, { submission, formData, hideFields }, fail);
    }
  };
}

/**
 * Claims a submission key for this user in the transaction. Returns null when it is new, or
 * where the earlier submission with that key went. A second post with the same key waits on
 * PostgreSQL for the first transaction, then sees its row.
 */
async function claimSubmission(tx: Tx, userId: string, key: string): Promise<string | null> {
  const claimed = await tx
    .insert(formSubmissions)
    .values({ userId, key, location: "" })
    .onConflictDoNothing()
    .returning({ key: formSubmissions.key });
  if (claimed.length > 0) return null;
  const [row] = await tx
    .select({ location: formSubmissions.location })
    .from(formSubmissions)
    .where(and(eq(formSubmissions.userId, userId), eq(formSubmissions.key, key)));
  return row?.location || "/";
}

async function recordLocation(tx: Tx, userId: string, key: string, location: string) {
  await tx
    .update(formSubmissions)
    .set({ location })
    .where(and(eq(formSubmissions.userId, userId), eq(formSubmissions.key, key)));
}
