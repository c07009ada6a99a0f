import { data } from "react-router";
import type { z } from "zod";
import { servicesContext } from "~/context.server";
import { type ActionArgs, publicFormAction, requireIds } from "~/ui/form-action.server";
import { postAccess, savedLocation } from "./draft-session.server";
import { type Draft, saveDraftAnswers } from "./drafts.server";

/**
 * The action of one page of the online application, on the public form pipeline.
 *
 * Before the form is parsed, the draft is found from this browser's cookie, or from the
 * reference and secret typed again when the session ran out in the middle of the page: an
 * ended session gets back what was typed (401), so that nothing is lost to a page that can
 * no longer be shown. Every other answer — saved, or refused with field errors — carries the
 * refreshed cookie. The pipeline has no step before parsing and no headers of its own, which
 * is why this wraps it rather than being declared in it.
 */
export function draftStepAction(step: {
  key: string;
  /** The page's schema, which may depend on earlier answers (a date of birth, a conviction). */
  schema: (draft: Draft, args: ActionArgs) => z.ZodType | Promise<z.ZodType>;
  /** The page after this one. */
  next: (draft: Draft) => string;
}) {
  return async (args: ActionArgs) => {
    requireIds(args.params, ["draft"]);
    const formData = await args.request.formData();
    const allowed = await postAccess(args as Parameters<typeof postAccess>[0], formData);
    if (allowed.kind === "ended") return data(allowed, { status: 401 });
    const schema = await step.schema(allowed.draft, args);
    const { database } = args.context.get(servicesContext);
    const save = {
      schema,
      run: (answers: unknown) =>
        saveDraftAnswers(
          database.db,
          allowed.draft.id,
          step.key,
          answers as Record<string, unknown>,
        ),
      done: (draft: Draft) => savedLocation(draft, formData, step.next(draft)),
    };
    const page = publicFormAction({
      ids: ["draft"],
      // The page's two buttons: save and go on, or save and come back later.
      intents: (intent) => ({ continue: intent(save), later: intent(save) }),
    });
    // The pipeline reads the form again from a copy of what was sent.
    const request = new Request(args.request.url, { method: "POST", body: formData });
    return withHeaders(await page({ ...args, request }), allowed.headers);
  };
}

/** The pipeline's answer with these headers (the refreshed draft cookie) added. */
function withHeaders(answer: unknown, headers: Headers) {
  if (answer instanceof Response) {
    for (const [name, value] of headers) answer.headers.append(name, value);
    return answer;
  }
  const { data: body, init } = answer as { data: unknown; init: ResponseInit | null };
  const merged = new Headers(init?.headers);
  for (const [name, value] of headers) merged.append(name, value);
  return data(body, { ...init, headers: merged });
}
