import type { SubmissionResult } from "@conform-to/react";
import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { changeRule } from "~/data-protection/retention/change-rule.server";
import { ACTION_LABELS } from "~/data-protection/retention/classes";
import { getSchedule } from "~/data-protection/retention/get-schedule.server";
import { ChangeRuleSchema } from "~/data-protection/retention/schemas";
import { RuleForm } from "~/data-protection/retention/ui/rule-form";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import type { Route } from "./+types/retention";

/**
 * The retention schedule of the officer's own organisation: only its data-protection officer
 * (the network's officer, a project's lead) sets it, as the controller (docs/data-protection.md).
 */
export const middleware: Route.MiddlewareFunction[] = [access(requires("protect:data:own"))];

export async function loader({ context }: Route.LoaderArgs) {
  return asViewer(context, (tx, acting) => getSchedule(tx, acting));
}

export const action = formAction({
  intents: (intent) => ({
    change: intent({
      schema: ChangeRuleSchema,
      run: (input, { tx, acting }) => changeRule(tx, acting, input),
      done: "/data-protection/retention?changed=1",
    }),
  }),
});

/** The failed form's result goes back only to the line it was posted from. */
function resultOfLine(result: SubmissionResult<string[]> | undefined, recordClass: string) {
  const posted = (result?.initialValue as { recordClass?: unknown } | undefined)?.recordClass;
  return posted === recordClass ? result : undefined;
}

export default function Retention({ loaderData, actionData }: Route.ComponentProps) {
  const { rules } = loaderData;
  const failed = resultFor(actionData, "change");
  return (
    <>
      <title>Retention schedule – Clearname</title>
      <p className="caption">
        <Link to="/data-protection">Data protection</Link>
      </p>
      <h1>Retention schedule</h1>
      <p>
        How long your organisation keeps each class of record, counted from which event, and what
        happens when the period ends. A <Link to="/data-protection/sweeps">sweep</Link> finds what
        is due; records under a <Link to="/data-protection/holds">legal hold</Link> are never
        touched.
      </p>
      <table className="table">
        <caption className="visually-hidden">The schedule, one line per class of record</caption>
        <thead>
          <tr>
            <th scope="col">Records</th>
            <th scope="col">Kept for</th>
            <th scope="col">Counted from</th>
            <th scope="col">Then</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.recordClass}>
              <td>{r.definition.label}</td>
              <td>{r.periodMonths} months</td>
              <td>{r.definition.countedFromLabel}</td>
              <td>{ACTION_LABELS[r.action]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Change a line</h2>
      {rules.map((r) => (
        <section key={r.recordClass} aria-labelledby={`line-${r.recordClass}`} className="narrow">
          <h3 id={`line-${r.recordClass}`}>{r.definition.label}</h3>
          <p className="hint">
            Last changed {r.updatedOn}. Counted from {r.definition.countedFromLabel}.
          </p>
          <RuleForm
            recordClass={r.recordClass}
            label={r.definition.label}
            actions={r.definition.actions}
            defaultValue={{
              periodMonths: r.periodMonths,
              action: r.action,
              reason: r.reason,
              version: r.version,
            }}
            lastResult={resultOfLine(failed, r.recordClass)}
          />
        </section>
      ))}
    </>
  );
}
