import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useSearchParams } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { requestContext, servicesContext } from "~/context.server";
import { requestPasswordReset } from "~/identity/passwords-flow.server";
import { ForgotPasswordSchema } from "~/identity/schemas";
import { RESET_MINUTES } from "~/identity/token-lifetimes";
import { publicFormAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import type { Route } from "./+types/forgot-password";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export function loader() {
  return null;
}

export const action = publicFormAction({
  intents: (intent) => ({
    send: intent({
      schema: ForgotPasswordSchema,
      run: async ({ email }, { args: { context } }) => {
        const { database, mailer, config } = context.get(servicesContext);
        const facts = context.get(requestContext);
        await requestPasswordReset(database.db, mailer, {
          email,
          publicUrl: config.publicUrl,
          actor: { userId: null, ip: facts.ip, requestId: facts.requestId },
        });
      },
      // The same answer whether or not the address has an account; the form is empty again.
      done: "/forgot-password?sent=1",
    }),
  }),
});

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: resultFor(actionData, "send"),
    constraint: getZodConstraint(ForgotPasswordSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  });
  return (
    <div className="narrow">
      <title>Reset your password – Clearname</title>
      <h1>Reset your password</h1>
      {searchParams.get("sent") && !actionData ? (
        <div className="notice" role="status">
          <p>
            If that address belongs to a Clearname account, we have sent it a link to choose a new
            password. The link works once, for {RESET_MINUTES} minutes.
          </p>
        </div>
      ) : null}
      <ErrorSummary form={form} fields={{ email: fields.email }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <TextField
          field={fields.email}
          label="E-mail address"
          type="email"
          autoComplete="username"
        />
        <button type="submit" className="button">
          Send me a link
        </button>
      </Form>
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </div>
  );
}
