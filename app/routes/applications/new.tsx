import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { AppError } from "~/errors/app-error";
import {
  ApplicantFields,
  applicantSummaryFields,
  establishmentChoices,
} from "~/intake/applicants/applicant-fields";
import { findEntryMatches } from "~/intake/entry/find-entry-matches.server";
import { ENTRY_CHANNELS, NewApplicationSchema } from "~/intake/entry/new-application-schema";
import { parseNormalised } from "~/intake/entry/parse-normalised.server";
import { startPostalApplication } from "~/intake/entry/start-postal-application.server";
import { listEstablishmentOptions } from "~/intake/establishments.server";
import type { LikelyMatch } from "~/intake/likely-matches.server";
import { QUESTIONNAIRE_SECTIONS } from "~/intake/questionnaire";
import { CLOSED_REASONS, type ClosedReason, STATE_LABELS } from "~/intake/transitions";
import { today } from "~/shared/dates";
import { ChoiceField, CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import type { Route } from "./+types/new";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:application:any"))];

export async function loader({ context }: Route.LoaderArgs) {
  const options = await asViewer(context, (tx) => listEstablishmentOptions(tx));
  return { establishments: establishmentChoices(options), today: today() };
}

/**
 * Not yet on the form-action pipeline: this form either records the application (and goes
 * to its questionnaire) or, when people on file may be the applicant, shows them with what
 * was typed, and a pipeline intent ends one way only. Its input is normalised the same way.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const { formData, submission, tooLongErrors } = parseNormalised(
    await request.formData(),
    NewApplicationSchema,
  );
  if (tooLongErrors)
    return data(
      { result: submission.reply({ fieldErrors: tooLongErrors }), matches: null },
      { status: 400 },
    );
  if (submission.status !== "success")
    return data({ result: submission.reply(), matches: null }, { status: 400 });
  const v = submission.value;
  const outcome = await asViewer(context, async (tx, acting) => {
    if (!v.applicantChoice) {
      const matches = await findEntryMatches(tx, acting, v);
      if (matches.length > 0) return { matches, started: null, error: null };
    }
    try {
      const started = await startPostalApplication(tx, acting, {
        applicant: v,
        reapplicationBy:
          v.applicantChoice && v.applicantChoice !== "new" ? v.applicantChoice : null,
        channel: v.channel,
        receivedOn: v.receivedOn,
        consentSigned: v.consentSigned === "yes",
        consentSignedOn: v.consentSignedOn,
      });
      return { matches: null, started, error: null };
    } catch (error) {
      if (error instanceof AppError && error.code === "INVALID")
        return { matches: null, started: null, error: error.message };
      throw error;
    }
  });
  if (outcome.started) {
    const s = outcome.started;
    const linked = s.linkedTo ? `&linked=${encodeURIComponent(s.linkedTo.reference)}` : "";
    throw redirect(
      `/applications/${s.applicationId}/entry/${QUESTIONNAIRE_SECTIONS[0]?.key}?started=1${linked}`,
    );
  }
  if (outcome.matches) {
    // Asked again without a choice: the choice is what is missing.
    const fieldErrors = formData.get("matchesShown")
      ? { applicantChoice: ["Choose whether this is a re-application or a new applicant"] }
      : undefined;
    return data(
      { result: submission.reply({ fieldErrors }), matches: outcome.matches },
      { status: fieldErrors ? 400 : 200 },
    );
  }
  return data(
    {
      result: submission.reply({ fieldErrors: { applicantChoice: [outcome.error ?? ""] } }),
      matches: null,
    },
    { status: 400 },
  );
}

function decided(m: LikelyMatch): string {
  if (!m.latest) return "no earlier application";
  const state = STATE_LABELS[m.latest.state as keyof typeof STATE_LABELS] ?? m.latest.state;
  const reason = m.latest.closedReason
    ? `: ${CLOSED_REASONS[m.latest.closedReason as ClosedReason]?.toLowerCase() ?? m.latest.closedReason}`
    : "";
  return `${m.latest.reference}, ${state.toLowerCase()}${reason}`;
}

export default function NewApplication({ loaderData, actionData }: Route.ComponentProps) {
  const matches = actionData?.matches ?? null;
  const [form, fields] = useForm({
    id: "new-application",
    lastResult: actionData?.result,
    defaultValue: { receivedOn: loaderData.today, channel: "post", legalCorrespondence: "yes" },
    constraint: getZodConstraint(NewApplicationSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewApplicationSchema }),
  });
  return (
    <div className="narrow">
      <title>Enter a postal application – Clearname</title>
      <p className="caption">New application</p>
      <h1>Enter a postal application</h1>
      <p>
        Start with who it is from and when it arrived. The questionnaire comes next, section by
        section; you can save and come back to it.
      </p>
      <ErrorSummary
        form={form}
        fields={{
          receivedOn: fields.receivedOn,
          channel: fields.channel,
          consentSigned: fields.consentSigned,
          consentSignedOn: fields.consentSignedOn,
          ...applicantSummaryFields(fields),
          applicantChoice: fields.applicantChoice,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        {matches ? <MatchChoice matches={matches} field={fields.applicantChoice} /> : null}
        <h2>How it arrived</h2>
        <TextField field={fields.receivedOn} label="Date received" type="date" width="medium" />
        <ChoiceField
          field={fields.channel}
          label="How it arrived"
          type="radio"
          options={Object.entries(ENTRY_CHANNELS).map(([value, label]) => ({ value, label }))}
        />
        <ChoiceField
          field={fields.consentSigned}
          label="Did a signed consent or form of authority come with it?"
          type="radio"
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]}
        />
        <TextField
          field={fields.consentSignedOn}
          label="Date it was signed (optional)"
          hint="Only if a signed form came with it and is dated"
          type="date"
          width="medium"
        />
        <h2>The applicant</h2>
        <ApplicantFields fields={fields} establishments={loaderData.establishments} />
        <button type="submit" className="button">
          {matches ? "Record the application" : "Continue"}
        </button>
      </Form>
    </div>
  );
}

function MatchChoice({
  matches,
  field,
}: {
  matches: LikelyMatch[];
  field: Parameters<typeof ChoiceField>[0]["field"];
}) {
  return (
    <section aria-labelledby="matches-heading" className="notice notice-warning">
      <h2 id="matches-heading">People already on file who may be this applicant</h2>
      <input type="hidden" name="matchesShown" value="1" />
      <table className="table">
        <caption className="visually-hidden">Likely matches</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Born</th>
            <th scope="col">Prisoner number</th>
            <th scope="col">Why listed</th>
            <th scope="col">Latest application</th>
          </tr>
        </thead>
        <tbody>
          {matches.map((m) => (
            <tr key={m.applicantId}>
              <td>
                {m.fullName}
                {m.aliases.length ? (
                  <span className="hint"> (also {m.aliases.join(", ")})</span>
                ) : null}
              </td>
              <td>{m.dateOfBirth ?? "Not recorded"}</td>
              <td>{m.prisonerNumber ?? "Not recorded"}</td>
              <td>{m.reasons.join(", ")}</td>
              <td>{decided(m)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ChoiceField
        field={field}
        label="Is this application from one of them?"
        type="radio"
        options={[
          ...matches.map((m) => ({
            value: m.applicantId,
            label: `This is a re-application by ${m.fullName} (${decided(m)})`,
          })),
          { value: "new", label: "No: a new applicant" },
        ]}
      />
    </section>
  );
}
