import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { aboutYouFormValues } from "~/intake/online/draft-data";
import { pageDraft } from "~/intake/online/draft-session.server";
import { draftStepAction } from "~/intake/online/draft-step-action.server";
import { AboutYouFields, AboutYouSchema, RELATIONSHIPS } from "~/intake/online/schemas";
import { endedSession, SessionEnded, StepFormFoot, StepHeading } from "~/intake/online/step-page";
import { nextStep } from "~/intake/online/steps";
import { resultFor } from "~/ui/form-result";
import { ChoiceField, ErrorSummary, TextField } from "~/ui/forms";
import type { Route } from "./+types/about-you";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export async function loader(args: Route.LoaderArgs) {
  const draft = await pageDraft(args);
  return draft ? { values: aboutYouFormValues(draft.data.aboutYou) } : null;
}

export const action = draftStepAction({
  key: "about-you",
  schema: () => AboutYouSchema,
  next: (draft) => nextStep("about-you", draft.hasSecret),
});

export default function AboutYou({ loaderData, actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    id: "about-you",
    lastResult: resultFor(actionData, "continue") ?? resultFor(actionData, "later"),
    defaultValue: loaderData?.values,
    constraint: getZodConstraint(AboutYouFields),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AboutYouSchema }),
  });
  const ended = endedSession(actionData);
  if (ended) return <SessionEnded {...ended} />;
  return (
    <div className="narrow">
      <StepHeading step="about-you" title="About you" />
      <ErrorSummary
        form={form}
        fields={{
          applyingFor: fields.applyingFor,
          email: fields.email,
          name: fields.name,
          relationship: fields.relationship,
          applicantAgrees: fields.applicantAgrees,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <ChoiceField
          field={fields.applyingFor}
          label="Who is filling in this form?"
          type="radio"
          options={[
            { value: "self", label: "I am the person who was convicted (the applicant)" },
            { value: "behalf", label: "I am applying on behalf of the applicant" },
          ]}
        />
        <TextField
          field={fields.email}
          label="Your e-mail address"
          hint="We will send the reference here. If you are the applicant and have no e-mail address, leave this empty."
          type="email"
          autoComplete="email"
        />
        <fieldset className="fieldset">
          <legend>
            <h2>If you are applying on the applicant's behalf</h2>
          </legend>
          <TextField field={fields.name} label="Your full name" autoComplete="name" />
          <ChoiceField
            field={fields.relationship}
            label="How do you know the applicant?"
            type="radio"
            options={[...RELATIONSHIPS]}
          />
          <ChoiceField
            field={fields.applicantAgrees}
            label="The applicant's agreement"
            hint="We can only act for the applicant if they want us to."
            type="checkbox"
            options={[
              { value: "yes", label: "The applicant knows about and agrees to this application" },
            ]}
          />
        </fieldset>
        <StepFormFoot />
      </Form>
    </div>
  );
}
