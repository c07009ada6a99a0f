import type { ActionArgs } from "~/ui/form-action.server";

/**
 * Work that may only happen once a form's change has committed: e-mail deliveries, which
 * must not go out for a change that was rolled back, and which update the outbox row on a
 * connection of their own (inside the transaction they would not see it).
 *
 * An intent's `run` runs inside the transaction, so it hands its deliveries to `afterCommit`;
 * `deliveringAfter(formAction({…}))` runs them once the pipeline has answered with anything
 * but a failure (a redirect, or a value shown in place). A failed or rolled-back submission
 * never reaches them.
 */
type Work = () => Promise<void>;

const pending = new WeakMap<Request, Work[]>();

export function afterCommit(args: Pick<ActionArgs, "request">, work: readonly Work[]): void {
  pending.set(args.request, [...(pending.get(args.request) ?? []), ...work]);
}

/** Whether the pipeline answered with a failure (a form reply or an error page). */
function failed(answer: unknown): boolean {
  if (answer instanceof Response) return answer.status >= 400;
  const init = (answer as { init?: { status?: number } | null } | null)?.init;
  return (init?.status ?? 200) >= 400;
}

export function deliveringAfter<A extends ActionArgs, R>(action: (args: A) => Promise<R>) {
  return async (args: A): Promise<R> => {
    try {
      const answer = await action(args);
      if (!failed(answer)) for (const work of pending.get(args.request) ?? []) await work();
      return answer;
    } finally {
      pending.delete(args.request);
    }
  };
}
