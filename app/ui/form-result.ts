import type { SubmissionResult } from "@conform-to/react";

/**
 * The failure an action of `formAction` returned for `intent`, for the form that posts it
 * (`useForm({ lastResult: resultFor(actionData, "add") })`); undefined for the other forms.
 */
export function resultFor(
  actionData: unknown,
  intent: string,
): SubmissionResult<string[]> | undefined {
  if (typeof actionData !== "object" || actionData === null) return undefined;
  const a = actionData as { intent?: unknown; result?: SubmissionResult<string[]> };
  return a.intent === intent ? a.result : undefined;
}
