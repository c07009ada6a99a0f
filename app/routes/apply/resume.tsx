import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect, useSearchParams } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { requestContext, servicesContext } from "~/context.server";
import { draftCookie } from "~/intake/online/draft-cookie.server";
import { DRAFT_DAYS } from "~/intake/online/draft-data";
import { resumeDraft } from "~/intake/online/drafts.server";
import { ResumeSchema } from "~/intake/online/schemas";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import type { Route } from "./+types/resume";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export function loader() {
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResumeSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["secret"] }) }, { status: 400 });
  }
  const { database, secret } = context.get(servicesContext);
  const result = await resumeDraft(database.db, {
    ...submission.value,
    ip: context.get(requestContext).ip,
  });
  if (result.kind !== "resumed") {
    const message = {
      invalid: "The reference or secret is not right",
      expired: `This saved application has expired: we keep saved answers for ${DRAFT_DAYS} days after the last save. You will need to start a new application.`,
      throttled: `Too many attempts. Wait ${result.kind === "throttled" ? result.retryAfterMinutes : 60} minutes, then try again.`,
    }[result.kind];
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["secret"] }) },
      { status: result.kind === "throttled" ? 429 : 400 },
    );
  }
  const { draft } = result;
  const to = draft.submittedReference ? "confirmation" : draft.step;
  throw redirect(`/apply/${draft.id}/${to}`, {
    headers: { "Set-Cookie": draftCookie(request, secret, draft.id) },
  });
}

export default function ResumeApplication({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "resume",
    lastResult: actionData?.result,
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
            Your session has ended, to keep your answers private. Your saved answers are safe: enter
            your reference and secret to carry on.
          </p>
        </div>
      ) : null}
      <ErrorSummary form={form} fields={{ reference: fields.reference, secret: fields.secret }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <TextField
          field={fields.reference}
          label="Your reference"
          hint="It looks like AP-7K3M-9QXD"
          width="medium"
          autoComplete="off"
        />
        <TextField
          field={fields.secret}
          label="Your secret"
          hint="The secret you chose when you saved your application"
          type="password"
          autoComplete="current-password"
        />
        <button type="submit" className="button">
          Continue
        </button>
      </Form>
      <p>
        We cannot tell you your reference or secret again: we do not keep the secret, only a
        scrambled form of it. If you have lost them,{" "}
        <Link to="/apply">start a new application</Link>.
      </p>
    </div>
  );
}
