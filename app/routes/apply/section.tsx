import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useMemo } from "react";
import { data, Form } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { pageDraft } from "~/intake/online/draft-session.server";
import { draftStepAction } from "~/intake/online/draft-step-action.server";
import { sectionSchema } from "~/intake/online/schemas";
import { endedSession, SessionEnded, StepFormFoot, StepHeading } from "~/intake/online/step-page";
import { nextStep } from "~/intake/online/steps";
import { QUESTIONNAIRE_SECTIONS } from "~/intake/questionnaire";
import { QuestionnaireSectionFields } from "~/intake/questionnaire-fields";
import type { ActionArgs } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { ErrorSummary } from "~/ui/forms";
import type { Route } from "./+types/section";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

/** One page per section of the questionnaire: /apply/:draft/conviction, …/prosecution, … */
function sectionOf(key: string) {
  const section = QUESTIONNAIRE_SECTIONS.find((s) => s.key === key);
  if (!section) throw data({ message: null }, { status: 404 });
  return section;
}

export async function loader(args: Route.LoaderArgs) {
  const section = sectionOf(args.params.section);
  const draft = await pageDraft(args);
  if (!draft) return { sectionKey: section.key, dateOfBirth: undefined, values: undefined };
  const answers = draft.data.questionnaire ?? {};
  return {
    sectionKey: section.key,
    dateOfBirth: draft.data.applicant?.dateOfBirth,
    values: Object.fromEntries(section.questions.map((q) => [q.name, answers[q.name]])),
  };
}

const ACTIONS = new Map(
  QUESTIONNAIRE_SECTIONS.map((section) => [
    section.key,
    draftStepAction({
      key: section.key,
      schema: (draft) => sectionSchema(section, { dateOfBirth: draft.data.applicant?.dateOfBirth }),
      next: () => nextStep(section.key),
    }),
  ]),
);

export function action(args: ActionArgs) {
  const section = sectionOf(args.params.section ?? "");
  const save = ACTIONS.get(section.key);
  if (!save) throw data({ message: null }, { status: 404 });
  return save(args);
}

export default function QuestionnaireSectionPage({ loaderData, actionData }: Route.ComponentProps) {
  const ended = endedSession(actionData);
  if (ended) return <SessionEnded {...ended} />;
  // Keyed, so that moving from one section to the next starts a new form.
  return (
    <SectionForm
      key={loaderData.sectionKey}
      {...loaderData}
      result={resultFor(actionData, "continue") ?? resultFor(actionData, "later")}
    />
  );
}

function SectionForm(
  props: Route.ComponentProps["loaderData"] & { result: SubmissionResult<string[]> | undefined },
) {
  const section = sectionOf(props.sectionKey);
  const schema = useMemo(
    () => sectionSchema(section, { dateOfBirth: props.dateOfBirth }),
    [section, props.dateOfBirth],
  );
  const [form, fields] = useForm({
    id: `section-${section.key}`,
    lastResult: props.result,
    defaultValue: props.values,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <div className="narrow">
      <StepHeading step={section.key} title={section.title} />
      <p>Answer what you can. If you do not know, leave it empty.</p>
      <ErrorSummary
        form={form}
        fields={Object.fromEntries(
          section.questions.flatMap((q) => {
            const field = fields[q.name];
            return field ? [[q.name, field] as const] : [];
          }),
        )}
      />
      <Form method="post" {...getFormProps(form)}>
        <QuestionnaireSectionFields section={section} fields={fields} wording="public" />
        <StepFormFoot />
      </Form>
    </div>
  );
}
