import {
  type FieldMetadata,
  getFormProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useMemo } from "react";
import { data, Form, Link, type ShouldRevalidateFunction, useSearchParams } from "react-router";
import { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
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
import { type ActionArgs, formAction, requireIds, type ViewerRun } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
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
  const { id } = requireIds(params, ["id"]);
  const step = stepOf(params.section);
  const application = await asViewer(context, (tx, acting) =>
    getApplicationForEntry(tx, acting, id, params.section),
  );
  return { application, sectionKey: step === FINISH_STEP ? FINISH_STEP : step.key };
}

const FinishSchema = z.object({ version: z.coerce.number().int() });

const finishAction = formAction({
  ids: ["id"],
  intents: (intent) => ({
    finish: intent({
      schema: FinishSchema,
      run: ({ version }, { tx, acting, ids }) =>
        finishApplicationEntry(tx, acting, ids.id, version),
      done: (_, ids) => `/applications/${ids.id}?finished=1`,
    }),
  }),
});

/** One section's form: "continue" goes to the next step, "later" back to the application. */
function sectionAction(section: QuestionnaireSection) {
  const schema = sectionSchema(section);
  const save = (then: (id: string) => string) => ({
    schema,
    run: (value: z.output<typeof schema>, { tx, acting, ids }: ViewerRun<"id">) => {
      const {
        version,
        intent: _,
        ...answers
      } = value as Record<string, unknown> & {
        version: number;
      };
      return saveQuestionnaireSection(tx, acting, ids.id, {
        section: section.key,
        answers: sectionAnswers(section, answers),
        version,
      });
    },
    done: (_: unknown, ids: Record<"id", string>) => then(ids.id),
  });
  return formAction({
    ids: ["id"],
    intents: (intent) => ({
      continue: intent(save((id) => `/applications/${id}/entry/${nextStep(section.key)}`)),
      later: intent(save((id) => `/applications/${id}?saved=1`)),
    }),
  });
}

const ACTIONS: Record<string, ReturnType<typeof formAction>> = {
  [FINISH_STEP]: finishAction,
  ...Object.fromEntries(QUESTIONNAIRE_SECTIONS.map((s) => [s.key, sectionAction(s)])),
};

export function action(args: ActionArgs) {
  const chosen = ACTIONS[args.params.section ?? ""];
  if (!chosen)
    throw data({ message: "There is no such section of the questionnaire." }, { status: 404 });
  return chosen(args);
}

/**
 * A save refused because someone else saved first (409) shows their answers: the page reads
 * them afresh, which React Router does not do by default after a refusal.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  actionStatus,
  defaultShouldRevalidate,
}) => actionStatus === 409 || defaultShouldRevalidate;

export default function Entry({ loaderData, actionData }: Route.ComponentProps) {
  const { application, sectionKey } = loaderData;
  const [searchParams] = useSearchParams();
  const section = sectionKey === FINISH_STEP ? null : sectionByKey(sectionKey);
  const title = section?.title ?? "Check and finish";
  const saved = resultFor(actionData, "continue") ?? resultFor(actionData, "later");
  // Saved by someone else since the form was drawn: the page now holds their version.
  const savedMeanwhile =
    saved?.initialValue?.version !== undefined &&
    saved.initialValue.version !== String(application.version);
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
          key={`${section.key}-${application.version}`}
          section={section}
          application={application}
          theirs={savedMeanwhile ? application : null}
          lastResult={saved ?? null}
        />
      ) : (
        <FinishEntry
          application={application}
          error={resultFor(actionData, "finish")?.error?.[""]?.join(" ") ?? null}
        />
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
