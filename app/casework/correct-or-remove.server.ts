import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import type { z } from "zod";
import { RemovalSchema } from "~/casework/ui/confirm-removal";

/** A removal the domain refused with a reason for the user, as `attempt` answers it. */
type Refusal = { ok: false; message: string };

function isRefusal(outcome: unknown): outcome is Refusal {
  return typeof outcome === "object" && outcome !== null && "ok" in outcome && outcome.ok === false;
}

/**
 * The action of a correct-or-remove page: its correction form, and the removal form of
 * `ConfirmRemoval`, which posts `intent=remove`. Invalid input goes back (400) to the form
 * it came from, with what was typed; a refused removal (409) likewise, with the domain's
 * reason. Done, it returns to the list page at `changed` or `removed`.
 */
export async function correctOrRemove<Schema extends z.ZodType>(
  request: Request,
  page: {
    formId: string;
    schema: Schema;
    change: (input: z.output<Schema>) => Promise<unknown>;
    changed: string;
    remove: () => Promise<unknown>;
    removed: string;
  },
) {
  const formData = await request.formData();
  const fail = (formId: string, result: SubmissionResult<string[]>, status = 400) =>
    data({ formId, result }, { status });
  if (formData.get("intent") === "remove") {
    const s = parseWithZod(formData, { schema: RemovalSchema });
    if (s.status !== "success") return fail("remove", s.reply());
    const o = await page.remove();
    if (isRefusal(o)) return fail("remove", s.reply({ formErrors: [o.message] }), 409);
    throw redirect(page.removed);
  }
  const s = parseWithZod(formData, { schema: page.schema });
  if (s.status !== "success") return fail(page.formId, s.reply());
  await page.change(s.value);
  throw redirect(page.changed);
}
