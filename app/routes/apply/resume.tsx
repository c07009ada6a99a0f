import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, redirect, useSearchParams } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { requestContext, servicesContext } from "~/context.server";
import { AppError, invalid } from "~/errors/app-error";
import { draftCookie } from "~/intake/online/draft-cookie.server";
import { DRAFT_DAYS, DRAFT_SESSION_MINUTES } from "~/intake/online/draft-data";
import { resumeDraft } from "~/intake/online/drafts.server";
import { ResumeSchema } from "~/intake/online/schemas";
import { publicFormAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import type { Route } from "./+types/resume";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export function loader() {
  return null;
}

export const action = publicFormAction({
  intents: (intent) => ({
    resume: intent({
      schema: ResumeSchema,
      hide: ["secret"],
      run: async (input, { args: { request, context } }) => {
        const { database, secret } = context.get(servicesContext);
        const result = await resumeDraft(database.db, {
          ...input,
          ip: context.get(requestContext).ip,
        });
        if (result.kind === "throttled")
          throw new AppError(
            "THROTTLED",
            `Too many attempts. Wait ${result.retryAfterMinutes} minutes, then try again.`,
          );
        if (result.kind === "expired")
          throw invalid(
            `This saved application has expired: we keep saved answers for ${DRAFT_DAYS} days after the last save. You will need to start a new application.`,
          );
        if (result.kind !== "resumed") throw invalid("The reference or password is not right");
        const { draft } = result;
        const to = draft.submittedReference ? "confirmation" : draft.step;
        return redirect(`/apply/${draft.id}/${to}`, {
          headers: { "Set-Cookie": draftCookie(request, secret, draft.id) },
        });
      },
    }),
  }),
});

export default function ResumeApplication({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "resume",
    lastResult: resultFor(actionData, "resume"),
    constraint: getZodConstraint(ResumeSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResumeSchema }),
  });
  return (
    <div className="narrow">
      <title>Continue a saved application – Clearname</title>
      <h1>Continue a saved application</h1>
      {searchParams.get("expired") && !actionData ? (
        <div className="notice" role="status">
          <p>
            Your session has ended. To keep your answers private, we stop showing them when a page
            has been left for {DRAFT_SESSION_MINUTES / 60} hours. If you saved your application,
            enter your reference and password to carry on.
          </p>
        </div>
      ) : null}
      <ErrorSummary form={form} fields={{ reference: fields.reference, secret: fields.secret }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <TextField
          field={fields.reference}
          label="Your reference"
          hint="It looks like CN-2026-00042"
          width="medium"
          autoComplete="off"
        />
        <TextField
          field={fields.secret}
          label="Your password"
          hint="The password you chose when you saved your application"
          type="password"
          autoComplete="current-password"
        />
        <button type="submit" className="button">
          Continue
        </button>
      </Form>
      <p>
        We cannot tell you your password: we do not keep it, only a scrambled form of it. If you
        have lost your reference or password, or did not save your application,{" "}
        <Link to="/apply">start a new application</Link>.
      </p>
    </div>
  );
}
