import {
  type FieldMetadata,
  getFormProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useMemo } from "react";
import { data, Form, Link, redirect, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { AppError } from "~/errors/app-error";
import { EntrySteps, FinishEntry } from "~/intake/entry/entry-steps";
import { finishApplicationEntry } from "~/intake/entry/finish-entry.server";
import { getApplicationForEntry } from "~/intake/entry/get-application.server";
import { saveQuestionnaireSection } from "~/intake/entry/save-section.server";
import {
  FINISH_STEP,
  nextStep,
  sectionAnswers,
  sectionByKey,
  sectionSchema,
} from "~/intake/entry/sections";
import { QUESTIONNAIRE_SECTIONS, type QuestionnaireSection } from "~/intake/questionnaire";
import { QuestionnaireSectionFields } from "~/intake/questionnaire-fields";
import { CsrfInput, ErrorSummary } from "~/ui/forms";
import type { Route } from "./+types/entry";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:application:any"))];

function stepOf(key: string): QuestionnaireSection | typeof FINISH_STEP {
  if (key === FINISH_STEP) return FINISH_STEP;
  const section = sectionByKey(key);
  if (!section)
    throw data({ message: "There is no such section of the questionnaire." }, { status: 404 });
  return section;
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const step = stepOf(params.section);
  const application = await asViewer(context, (tx, acting) =>
    getApplicationForEntry(tx, acting, params.id, params.section),
  );
  return { application, sectionKey: step === FINISH_STEP ? FINISH_STEP : step.key };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const step = stepOf(params.section);
  if (step === FINISH_STEP) {
    const version = Number(formData.get("version"));
    const error = await asViewer(context, (tx, acting) =>
      finishApplicationEntry(tx, acting, params.id, version).then(
        () => null,
        (e: unknown) => {
          if (e instanceof AppError && e.code === "CONFLICT") return e.message;
          throw e;
        },
      ),
    );
    if (error) return data({ result: null, current: null, finishError: error }, { status: 409 });
    throw redirect(`/applications/${params.id}?finished=1`);
  }
  const submission = parseWithZod(formData, { schema: sectionSchema(step) });
  if (submission.status !== "success")
    return data({ result: submission.reply(), current: null, finishError: null }, { status: 400 });
  const { version, intent, ...answers } = submission.value as Record<string, unknown> & {
    version: number;
    intent: "continue" | "later";
  };
  const outcome = await asViewer(context, async (tx, acting) => {
    try {
      await saveQuestionnaireSection(tx, acting, params.id, {
        section: step.key,
        answers: sectionAnswers(step, answers),
        version,
      });
      return { error: null, field: null, current: null };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === "CONFLICT") {
        const current = await getApplicationForEntry(tx, acting, params.id, step.key);
        return { error: error.message, field: null, current };
      }
      if (error.code === "INVALID")
        return { error: error.message, field: String(error.details.field ?? ""), current: null };
      throw error;
    }
  });
  if (outcome.error) {
    const reply = outcome.field
      ? submission.reply({ fieldErrors: { [outcome.field]: [outcome.error] } })
      : submission.reply({ formErrors: [outcome.error] });
    return data(
      { result: reply, current: outcome.current, finishError: null },
      { status: outcome.current ? 409 : 400 },
    );
  }
  throw redirect(
    intent === "later"
      ? `/applications/${params.id}?saved=1`
      : `/applications/${params.id}/entry/${nextStep(step.key)}`,
  );
}

export default function Entry({ loaderData, actionData }: Route.ComponentProps) {
  const { application, sectionKey } = loaderData;
  const [searchParams] = useSearchParams();
  const section = sectionKey === FINISH_STEP ? null : sectionByKey(sectionKey);
  const title = section?.title ?? "Check and finish";
  return (
    <>
      <title>{`${title} – ${application.reference} – Clearname`}</title>
      {searchParams.get("started") ? (
        <div className="notice" role="status">
          <p>
            Application recorded as {application.reference}
            {searchParams.get("linked")
              ? `, a re-application linked to ${searchParams.get("linked")}`
              : ""}
            . Enter the questionnaire below; every answer is optional.
          </p>
        </div>
      ) : null}
      <p className="caption">
        {application.reference} · {application.applicant.fullName}
        {application.isDraft ? " · draft" : ""}
      </p>
      <h1>{title}</h1>
      <EntrySteps
        applicationId={application.id}
        current={sectionKey}
        questionnaire={application.questionnaire}
      />
      <p>
        <Link to={`/applications/${application.id}/documents`}>
          Add scans of the letter or forms
        </Link>
      </p>
      {section ? (
        <SectionForm
          key={`${section.key}-${actionData?.current?.version ?? application.version}`}
          section={section}
          application={actionData?.current ?? application}
          theirs={actionData?.current ?? null}
          lastResult={actionData?.result ?? null}
        />
      ) : (
        <FinishEntry application={application} error={actionData?.finishError ?? null} />
      )}
      <p>
        <Link to={`/applications/${application.id}`}>Back to {application.reference}</Link>
      </p>
    </>
  );
}

type EntryApplication = Route.ComponentProps["loaderData"]["application"];

function SectionForm({
  section,
  application,
  theirs,
  lastResult,
}: {
  section: QuestionnaireSection;
  application: EntryApplication;
  theirs: EntryApplication | null;
  lastResult: SubmissionResult<string[]> | null;
}) {
  const schema = useMemo(() => sectionSchema(section), [section]);
  const [form, fields] = useForm({
    id: `section-${section.key}`,
    lastResult,
    defaultValue: { ...application.questionnaire, version: String(application.version) },
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const byName = fields as unknown as Record<string, FieldMetadata<string> | undefined>;
  const questionFields: Record<string, FieldMetadata<string>> = {};
  for (const q of section.questions) {
    const field = byName[q.name];
    if (field) questionFields[q.name] = field;
  }
  return (
    <>
      <ErrorSummary form={form} fields={questionFields} />
      {theirs ? (
        <div className="notice notice-warning">
          <h2>The answers saved by someone else</h2>
          <dl className="summary-list">
            {section.questions.map((q) => (
              <div key={q.name}>
                <dt>{q.label}</dt>
                <dd>{theirs.questionnaire[q.name] ?? "Not answered"}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="version" value={application.version} />
        <QuestionnaireSectionFields section={section} fields={questionFields} />
        <div className="inline-form">
          <button type="submit" name="intent" value="continue" className="button">
            Save and continue
          </button>
          <button type="submit" name="intent" value="later" className="button button-secondary">
            Save and come back later
          </button>
        </div>
      </Form>
      <p className="hint">
        Section {QUESTIONNAIRE_SECTIONS.indexOf(section) + 1} of {QUESTIONNAIRE_SECTIONS.length}.
      </p>
    </>
  );
}
