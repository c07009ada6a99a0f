import { createContext, type RouterContextProvider, redirect } from "react-router";
import { requestContext, servicesContext } from "~/context.server";
import { draftCookie, readDraftCookie } from "./draft-cookie.server";
import { type Draft, findDraft, resumeDraft } from "./drafts.server";
import { RESUME_FIELDS, ResumeSchema } from "./schemas";

/**
 * How the application pages decide whether this browser may see a draft: its signed cookie
 * (draft-cookie.server.ts), or, when that has run out in the middle of a page, the reference
 * and secret typed in again. Nothing from a draft is shown on any other grounds.
 */

type Args = {
  request: Request;
  context: Readonly<RouterContextProvider>;
  params: { draft?: string };
};

/**
 * What the action found, for the loaders of the same request: a page sent after the session
 * ended is shown again from what was sent, not from the draft; a page that re-opened the
 * draft with its reference and secret may be shown although the cookie sent was stale.
 */
const postedAccess = createContext<{ draftId: string } | "ended" | null>(null);

export const EXPIRED_URL = "/apply/resume?expired=1";

/** The draft a page loader may show, or a redirect to /apply/resume (never an error page). */
export async function pageDraft(
  { request, context, params }: Args,
  options: { allowSubmitted?: boolean } = {},
): Promise<Draft | null> {
  const { database, secret } = context.get(servicesContext);
  const posted = context.get(postedAccess);
  if (posted === "ended") return null;
  const id = posted?.draftId ?? readDraftCookie(request, secret);
  if (!id || id !== params.draft) throw redirect(EXPIRED_URL);
  const draft = await findDraft(database.db, id);
  if (!draft || (draft.expired && !draft.submittedReference)) throw redirect(EXPIRED_URL);
  if (draft.submittedReference && !options.allowSubmitted) {
    throw redirect(`/apply/${draft.id}/confirmation`);
  }
  return draft;
}

export type PostAccess =
  | { kind: "ok"; draft: Draft; headers: Headers }
  | { kind: "ended"; values: [string, string][]; error: string | null };

/**
 * For a page's action: the draft, with a fresh cookie; or, when the session has ended, what
 * was typed, to be sent back with the reference and secret (SessionEnded in step-page.tsx).
 */
export async function postAccess(args: Args, formData: FormData): Promise<PostAccess> {
  const { request, context, params } = args;
  const { database, secret } = context.get(servicesContext);
  const headers = new Headers();
  let id = readDraftCookie(request, secret);
  let error: string | null = null;
  const typed = ResumeSchema.safeParse({
    reference: formData.get(RESUME_FIELDS.reference) ?? undefined,
    secret: formData.get(RESUME_FIELDS.secret) ?? undefined,
  });
  if (id !== params.draft && formData.has(RESUME_FIELDS.reference)) {
    const resumed = typed.success
      ? await resumeDraft(database.db, { ...typed.data, ip: context.get(requestContext).ip })
      : ({ kind: "invalid" } as const);
    if (resumed.kind === "resumed" && resumed.draft.id === params.draft) id = resumed.draft.id;
    else if (resumed.kind === "throttled")
      error = `Too many attempts. Wait ${resumed.retryAfterMinutes} minutes, then try again.`;
    else if (resumed.kind === "expired")
      error = "This saved application has expired. You will need to start a new one.";
    else error = "The reference or secret is not right";
  }
  const draft = id && id === params.draft ? await findDraft(database.db, id) : null;
  if (draft?.submittedReference) throw redirect(`/apply/${draft.id}/confirmation`);
  if (!draft || draft.expired) {
    context.set(postedAccess, "ended");
    const hidden = new Set<string>(["_csrf", RESUME_FIELDS.reference, RESUME_FIELDS.secret]);
    const values = [...formData.entries()].flatMap(([k, v]) =>
      typeof v === "string" && !hidden.has(k) ? [[k, v] as [string, string]] : [],
    );
    return { kind: "ended", values, error };
  }
  context.set(postedAccess, { draftId: draft.id });
  headers.append("Set-Cookie", draftCookie(request, secret, draft.id));
  return { kind: "ok", draft, headers };
}

/** Where a page goes once its answers are saved: on, back to the check page, or to save. */
export function savedLocation(draft: Draft, formData: FormData, next: string): string {
  const to =
    formData.get("intent") === "later"
      ? "save?later=1"
      : formData.get("returnTo") === "check"
        ? "check"
        : next;
  return `/apply/${draft.id}/${to}`;
}

/** For an action with nothing typed worth keeping (the save and check pages): cookie only. */
export async function postDraftOrResume({ request, context, params }: Args) {
  const { database, secret } = context.get(servicesContext);
  const id = readDraftCookie(request, secret);
  const draft = id && id === params.draft ? await findDraft(database.db, id) : null;
  if (draft?.submittedReference) throw redirect(`/apply/${draft.id}/confirmation`);
  if (!draft || draft.expired) throw redirect(EXPIRED_URL);
  const headers = new Headers({ "Set-Cookie": draftCookie(request, secret, draft.id) });
  return { draft, headers };
}
