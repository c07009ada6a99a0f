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
import { ChoiceField, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import type { Route } from "./+types/about-you";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export async function loader(args: Route.LoaderArgs) {
  const draft = await pageDraft(args);
  return draft ? { values: aboutYouFormValues(draft.data.aboutYou) } : null;
}

export const action = draftStepAction({
  key: "about-you",
  schema: () => AboutYouSchema,
  next: () => nextStep("about-you"),
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
          address: fields.address,
          applicantAgrees: fields.applicantAgrees,
          copies: fields.copies,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <ChoiceField
          field={fields.applyingFor}
          label="Who is filling in this form?"
          type="radio"
          options={[
            { value: "self", label: "I am the person who was convicted (the applicant)" },
            { value: "behalf", label: "I am filling it in for the person who was convicted" },
          ]}
        />
        <TextField
          field={fields.email}
          label="Your email address (optional)"
          hint="We will email you the reference. If you do not have an email address, leave this empty."
          type="email"
          autoComplete="email"
        />
        <fieldset className="fieldset">
          <legend>
            <h2>If you are filling it in for someone else</h2>
          </legend>
          <TextField field={fields.name} label="Your full name" autoComplete="name" />
          <ChoiceField
            field={fields.relationship}
            label="How do you know the applicant?"
            type="radio"
            options={[...RELATIONSHIPS]}
          />
          <TextareaField
            field={fields.address}
            label="Your postal address"
            hint="We need this if you do not have an email address, or if you want copies of our letters."
            rows={4}
          />
          <ChoiceField
            field={fields.applicantAgrees}
            label="The applicant's agreement"
            hint="We can only help the applicant if they want us to."
            type="checkbox"
            options={[
              {
                value: "yes",
                label: "The applicant knows about this application and agrees to it",
              },
            ]}
          />
          <ChoiceField
            field={fields.copies}
            label="Does the applicant want us to send you copies of our letters to them?"
            hint="We write to the applicant. If they want you to have copies, we will post them to you."
            type="radio"
            options={[
              { value: "yes", label: "Yes" },
              { value: "no", label: "No, or I do not know" },
            ]}
          />
        </fieldset>
        <StepFormFoot />
      </Form>
    </div>
  );
}
