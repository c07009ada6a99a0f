import { Form, Link, useSearchParams } from "react-router";
import { CsrfInput, ErrorSummary } from "~/ui/forms";
import { DRAFT_SESSION_MINUTES } from "./draft-data";
import { HONEYPOT_FIELD, RESUME_FIELDS } from "./schemas";
import { pageNumber } from "./steps";

/** Pieces every page of the online application shares. */

/**
 * The field robots fill in and people never meet: off-screen, hidden from screen readers,
 * out of the tab order, and not offered to autofill.
 */
export function Honeypot() {
  return (
    <div className="visually-hidden" aria-hidden="true">
      <label htmlFor="apply-honeypot">Leave this empty</label>
      <input
        type="text"
        id="apply-honeypot"
        name={HONEYPOT_FIELD}
        tabIndex={-1}
        autoComplete="off"
        defaultValue=""
      />
    </div>
  );
}

export function StepHeading({ step, title }: { step: string; title: string }) {
  const { n, of } = pageNumber(step);
  return (
    <>
      <title>{`${title} – Apply for help – Clearname`}</title>
      {n > 0 ? <p className="caption">{`Page ${n} of ${of}`}</p> : null}
      <h1>{title}</h1>
    </>
  );
}

/** The hidden fields and the two buttons at the foot of every question page. */
export function StepFormFoot() {
  const [searchParams] = useSearchParams();
  return (
    <>
      <CsrfInput />
      {searchParams.get("return") === "check" ? (
        <input type="hidden" name="returnTo" value="check" />
      ) : null}
      <div className="inline-form">
        <button type="submit" className="button" name="intent" value="continue">
          Save and continue
        </button>
        <button type="submit" className="button button-secondary" name="intent" value="later">
          Save and come back later
        </button>
      </div>
    </>
  );
}

/** What a page's action sent back when the session had ended, if it did (draft-step-action). */
export function endedSession(
  actionData: unknown,
): { values: [string, string][]; error: string | null } | null {
  if (typeof actionData !== "object" || actionData === null) return null;
  const a = actionData as { kind?: unknown; values?: [string, string][]; error?: string | null };
  return a.kind === "ended" ? { values: a.values ?? [], error: a.error ?? null } : null;
}

/**
 * A page sent after the session ran out: what was typed comes back in hidden fields, to be
 * saved once the reference and password are given again. Nothing from the draft is shown.
 */
export function SessionEnded({
  values,
  error,
}: {
  values: [string, string][];
  error: string | null;
}) {
  return (
    <div className="narrow">
      <title>Your session has ended – Apply for help – Clearname</title>
      <h1>Your session has ended</h1>
      <p>
        To keep your answers private, we stop showing them {DRAFT_SESSION_MINUTES / 60} hours after
        you last saved. What you have just typed is kept on this page, but it is not saved yet.
      </p>
      <p>
        If you saved your application, enter your reference and password to save what you have just
        typed and carry on.
      </p>
      <ErrorSummary form={{ id: "session-ended", errors: error ? [error] : [] }} fields={{}} />
      <Form method="post">
        <CsrfInput />
        {values.map(([name, value], i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same name can come more than once
          <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
        ))}
        <div className="field">
          <label className="label" htmlFor="session-ended-reference">
            Your reference
          </label>
          <p className="hint" id="session-ended-reference-hint">
            It looks like CN-2026-00042
          </p>
          <input
            className="input input-medium"
            id="session-ended-reference"
            name={RESUME_FIELDS.reference}
            aria-describedby="session-ended-reference-hint"
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label className="label" htmlFor="session-ended-secret">
            Your password
          </label>
          <input
            className="input"
            id="session-ended-secret"
            name={RESUME_FIELDS.secret}
            type="password"
            autoComplete="current-password"
          />
        </div>
        <button type="submit" className="button">
          Save and continue
        </button>
      </Form>
      <p>
        If you did not save your application, we cannot show your answers again:{" "}
        <Link to="/apply">start a new application</Link>.
      </p>
    </div>
  );
}
