import { Form, Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { closeBreach } from "~/data-protection/breaches/close-breach.server";
import { decideBreach } from "~/data-protection/breaches/decide-breach.server";
import { getBreach } from "~/data-protection/breaches/get-breach.server";
import { closeRefusal, deadlineState, describeDeadline } from "~/data-protection/breaches/rules";
import {
  BreachDecisionSchema,
  CloseBreachSchema,
  DECISION_LABELS,
  RISK_LABELS,
} from "~/data-protection/breaches/schemas";
import { DecisionForm } from "~/data-protection/breaches/ui/decision-form";
import { readableLondonTime } from "~/shared/uk-time";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput } from "~/ui/forms";
import type { Route } from "./+types/breaches.$id";

export const middleware: Route.MiddlewareFunction[] = [access(requires("protect:data:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const breach = await asViewer(context, (tx, acting) => getBreach(tx, acting, id));
  const state = deadlineState(breach, new Date());
  return {
    breach,
    times: {
      discovered: readableLondonTime(breach.discoveredAt),
      occurred: breach.occurredAt ? readableLondonTime(breach.occurredAt) : null,
      deadline: readableLondonTime(new Date(breach.discoveredAt.getTime() + 72 * 3_600_000)),
      reported: breach.reportedToIcoAt ? readableLondonTime(breach.reportedToIcoAt) : null,
    },
    countdown: describeDeadline(state),
    running: state.kind === "open" || state.kind === "overdue",
    closeRefusal: closeRefusal(breach),
  };
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    decide: intent({
      schema: BreachDecisionSchema,
      run: (input, { tx, acting, ids }) => decideBreach(tx, acting, ids.id, input),
      done: (_, ids) => `/data-protection/breaches/${ids.id}?saved=1`,
    }),
    close: intent({
      schema: CloseBreachSchema,
      run: (input, { tx, acting, ids }) => closeBreach(tx, acting, ids.id, input.version),
      done: (_, ids) => `/data-protection/breaches/${ids.id}?closed=1`,
    }),
  }),
});

export default function BreachPage({ loaderData: d, actionData }: Route.ComponentProps) {
  const { breach: b, times } = d;
  const [search] = useSearchParams();
  const closeResult = resultFor(actionData, "close");
  return (
    <>
      <title>{`${b.title} – Personal data breaches – Clearname`}</title>
      <p className="caption">
        <Link to="/data-protection/breaches">Personal data breaches</Link>
      </p>
      <h1>{b.title}</h1>
      {search.get("recorded") ? (
        <div className="notice" role="status">
          The breach is recorded. Assess it below.
        </div>
      ) : search.get("saved") ? (
        <div className="notice" role="status">
          The assessment is saved.
        </div>
      ) : search.get("closed") ? (
        <div className="notice" role="status">
          The breach is closed. Its record is kept.
        </div>
      ) : null}
      <p className={d.running ? "notice notice-warning" : undefined}>
        <strong>{d.countdown}</strong>
        {d.running ? ` (by ${times.deadline}).` : "."}
      </p>
      <dl className="summary-list">
        <div>
          <dt>What happened</dt>
          <dd className="preserve-lines">{b.whatHappened}</dd>
        </div>
        <div>
          <dt>Found</dt>
          <dd>{times.discovered}</dd>
        </div>
        <div>
          <dt>Happened</dt>
          <dd>{times.occurred ?? "Not known"}</dd>
        </div>
        <div>
          <dt>Data involved</dt>
          <dd className="preserve-lines">{b.dataAffected || "Not recorded"}</dd>
        </div>
        <div>
          <dt>People affected</dt>
          <dd>{b.peopleAffected ?? "Not known"}</dd>
        </div>
        <div>
          <dt>Risk</dt>
          <dd>{b.risk ? RISK_LABELS[b.risk] : "Not assessed"}</dd>
        </div>
        <div>
          <dt>Decision</dt>
          <dd>{DECISION_LABELS[b.decision]}</dd>
        </div>
        <div>
          <dt>Reported to the ICO</dt>
          <dd>
            {times.reported ?? "No"}
            {b.icoReference ? ` (reference ${b.icoReference})` : ""}
          </dd>
        </div>
        <div>
          <dt>Recorded by</dt>
          <dd>{b.recordedByName}</dd>
        </div>
      </dl>
      {b.closedAt ? (
        <p>Closed on {readableLondonTime(b.closedAt)}.</p>
      ) : (
        <>
          <section aria-labelledby="assess-heading" className="narrow">
            <h2 id="assess-heading">Assessment and decision</h2>
            <DecisionForm current={b} lastResult={resultFor(actionData, "decide")} />
          </section>
          <section aria-labelledby="close-heading" className="narrow">
            <h2 id="close-heading">Close the breach</h2>
            {closeResult?.error?.[""] ? (
              <p className="error-message" role="alert">
                {closeResult.error[""]?.[0]}
              </p>
            ) : null}
            {d.closeRefusal ? (
              <p>{d.closeRefusal}</p>
            ) : (
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="close" />
                <input type="hidden" name="version" value={String(b.version)} />
                <p>Closing keeps the record; it can no longer be changed.</p>
                <button type="submit" className="button button-secondary">
                  Close the breach
                </button>
              </Form>
            )}
          </section>
        </>
      )}
    </>
  );
}
