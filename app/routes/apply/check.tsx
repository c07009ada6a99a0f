import { Fragment } from "react";
import { Form, Link, redirect } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { requestContext, servicesContext } from "~/context.server";
import { AppError, invalid } from "~/errors/app-error";
import { checkDraft } from "~/intake/online/draft-data";
import { EXPIRED_URL, pageDraft, postDraftOrResume } from "~/intake/online/draft-session.server";
import { establishmentName } from "~/intake/online/drafts.server";
import { HONEYPOT_FIELD, HoneypotSchema } from "~/intake/online/schemas";
import { Honeypot, StepHeading } from "~/intake/online/step-page";
import { STEPS } from "~/intake/online/steps";
import { submitDraft } from "~/intake/online/submit-draft.server";
import { summariseDraft } from "~/intake/online/summary";
import { publicFormAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput } from "~/ui/forms";
import type { Route } from "./+types/check";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export async function loader(args: Route.LoaderArgs) {
  const draft = await pageDraft(args);
  if (!draft) throw redirect(EXPIRED_URL);
  const { database } = args.context.get(servicesContext);
  const prison = await establishmentName(database.db, draft.data.applicant?.establishmentId);
  return {
    id: draft.id,
    sections: summariseDraft(draft.data, prison),
    problems: checkDraft(draft.data).problems,
  };
}

export const action = publicFormAction({
  ids: ["draft"],
  intents: (intent) => ({
    send: intent({
      schema: HoneypotSchema,
      run: async (input, { args }) => {
        const { draft } = await postDraftOrResume(args as Parameters<typeof postDraftOrResume>[0]);
        const { database, mailer } = args.context.get(servicesContext);
        const facts = args.context.get(requestContext);
        const result = await submitDraft(database.db, mailer, {
          draftId: draft.id,
          ip: facts.ip,
          requestId: facts.requestId,
          honeypot: input[HONEYPOT_FIELD] ?? "",
        });
        switch (result.kind) {
          case "discarded":
            return { discarded: true };
          case "throttled":
            throw new AppError(
              "THROTTLED",
              `Too many applications have been sent from your internet connection in the last hour. Your answers are saved: wait ${result.retryAfterMinutes} minutes, then try again.`,
            );
          case "incomplete":
            throw invalid("Some answers need changing before you can send this.");
          case "unavailable":
            throw redirect(EXPIRED_URL);
          case "submitted":
            return redirect(`/apply/${draft.id}/confirmation`);
        }
      },
    }),
  }),
});

/** A long answer keeps its line breaks. */
function Lines({ text }: { text: string }) {
  return text.split(/\r?\n/).map((line, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity of their own
    <Fragment key={i}>
      {i > 0 ? <br /> : null}
      {line}
    </Fragment>
  ));
}

const stepTitle = (step: string) => STEPS.find((s) => s.key === step)?.title ?? step;

export default function CheckAnswers({ loaderData, actionData }: Route.ComponentProps) {
  const { id, sections, problems } = loaderData;
  const error = resultFor(actionData, "send")?.error?.[""]?.join(" ");
  if ((actionData as { value?: { discarded?: boolean } } | undefined)?.value?.discarded) {
    return (
      <div className="narrow">
        <title>Application sent – Clearname</title>
        <h1>Application sent</h1>
        <p>Thank you.</p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <StepHeading step="check" title="Check your answers" />
      {problems.length > 0 || error ? (
        <div className="error-summary" role="alert" aria-labelledby="check-problems">
          <h2 id="check-problems">There is a problem</h2>
          {error ? <p>{error}</p> : null}
          <ul>
            {problems.map((p) => (
              <li key={`${p.step}-${p.message}`}>
                <Link to={`/apply/${id}/${p.step}?return=check`}>
                  {stepTitle(p.step)}: {p.message}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {sections.map((s) => (
        <section key={s.step} aria-labelledby={`check-${s.step}`}>
          <h2 id={`check-${s.step}`}>{s.title}</h2>
          {s.rows.length === 0 ? (
            <p>Not answered yet.</p>
          ) : (
            <dl className="summary-list">
              {s.rows.map((r) => (
                <div key={r.label}>
                  <dt>{r.label}</dt>
                  <dd>
                    <Lines text={r.value} />
                  </dd>
                </div>
              ))}
            </dl>
          )}
          <p>
            <Link to={`/apply/${id}/${s.step}?return=check`}>
              Change<span className="visually-hidden"> {s.title.toLowerCase()}</span>
            </Link>
          </p>
        </section>
      ))}
      <h2>Send your application</h2>
      <p>By sending it, you confirm that what you have told us is true as far as you know.</p>
      <Form method="post">
        <CsrfInput />
        <Honeypot />
        <button type="submit" className="button">
          Send application
        </button>
      </Form>
    </div>
  );
}
