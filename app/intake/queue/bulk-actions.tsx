import { Form } from "react-router";
import { CsrfInput } from "~/ui/forms";
import { STATE_LABELS } from "../transitions";
import { BULK_TARGET_STATES, INTAKE_CLOSED_REASON_OPTIONS } from "./bulk-schema";
import { BULK_FORM_ID } from "./queue-table";

export interface BulkResult {
  intent: "assign" | "state";
  changed: number;
  skipped: { id: string; reference: string; reason: string }[];
}

export interface BulkError {
  field: string;
  message: string;
}

/**
 * Bulk actions on the ticked rows. The checkboxes sit in the table and belong to this form
 * through their `form` attribute, so it works without JavaScript.
 */
export function BulkActions({
  staff,
  result,
  errors,
}: {
  staff: { value: string; label: string }[];
  result: BulkResult | null;
  errors: BulkError[];
}) {
  return (
    <section aria-labelledby="bulk-heading" className="bulk-actions">
      <h2 id="bulk-heading">Change the selected applications</h2>
      {result ? <BulkOutcome result={result} /> : null}
      {errors.length > 0 ? (
        <div className="error-summary" role="alert" aria-labelledby="bulk-error-title">
          <h3 id="bulk-error-title">There is a problem</h3>
          <ul>
            {errors.map((e) => (
              <li key={`${e.field}-${e.message}`}>
                <a href={`#bulk-${e.field}`}>{e.message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p id="bulk-ids" className="hint" tabIndex={-1}>
        Tick applications in the list, then assign them or move them on.
      </p>
      <Form method="post" id={BULK_FORM_ID}>
        <CsrfInput />
        <div className="filter-bar">
          <div className="field">
            <label htmlFor="bulk-assigneeId" className="label">
              Assign to
            </label>
            <select id="bulk-assigneeId" name="assigneeId" className="select" defaultValue="">
              <option value="">Choose…</option>
              {staff.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
              <option value="none">Nobody (remove the assignment)</option>
            </select>
          </div>
          <button type="submit" name="intent" value="assign" className="button button-secondary">
            Assign
          </button>
        </div>
        <div className="filter-bar">
          <div className="field">
            <label htmlFor="bulk-to" className="label">
              Move to
            </label>
            <select id="bulk-to" name="to" className="select" defaultValue="">
              <option value="">Choose…</option>
              {BULK_TARGET_STATES.map((s) => (
                <option key={s} value={s}>
                  {STATE_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="bulk-closedReason" className="label">
              Reason, when closing
            </label>
            <select id="bulk-closedReason" name="closedReason" className="select" defaultValue="">
              <option value="">Choose…</option>
              {INTAKE_CLOSED_REASON_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" name="intent" value="state" className="button button-secondary">
            Change state
          </button>
        </div>
      </Form>
    </section>
  );
}

function BulkOutcome({ result }: { result: BulkResult }) {
  const verb = result.intent === "assign" ? "assigned" : "moved";
  return (
    <div className={`notice${result.skipped.length > 0 ? " notice-warning" : ""}`} role="status">
      <p>
        {result.changed} application{result.changed === 1 ? "" : "s"} {verb}.
        {result.skipped.length > 0 ? ` ${result.skipped.length} left as they were:` : ""}
      </p>
      {result.skipped.length > 0 ? (
        <ul>
          {result.skipped.map((s) => (
            <li key={s.id}>
              {s.reference || "An application"}: {s.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
