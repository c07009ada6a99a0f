import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { requestContext, servicesContext } from "~/context.server";
import { invalid } from "~/errors/app-error";
import { checkPasswordToken, resetPassword } from "~/identity/passwords-flow.server";
import { ResetPasswordSchema } from "~/identity/schemas";
import { publicFormAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import type { Route } from "./+types/reset-password";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { database } = context.get(servicesContext);
  const check = await checkPasswordToken(database.db, params.token);
  return check.ok
    ? { valid: true as const, purpose: check.purpose, email: check.email }
    : { valid: false as const };
}

export const action = publicFormAction({
  intents: (intent) => ({
    reset: intent({
      schema: ResetPasswordSchema,
      hide: ["password", "confirm"],
      asTyped: ["password", "confirm"],
      run: async ({ password }, { args: { params, context } }) => {
        const { database } = context.get(servicesContext);
        const facts = context.get(requestContext);
        const ok = await resetPassword(database.db, {
          token: params.token ?? "",
          password,
          actor: { ip: facts.ip, requestId: facts.requestId },
        });
        if (!ok)
          throw invalid("This link has expired or has already been used. Ask for a new one.");
      },
      done: "/sign-in?passwordSet=1",
    }),
  }),
});

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: resultFor(actionData, "reset"),
    constraint: getZodConstraint(ResetPasswordSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  });
  if (!loaderData.valid) {
    return (
      <div className="narrow">
        <title>Link expired – Clearname</title>
        <h1>This link has expired or has already been used</h1>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </div>
    );
  }
  const title = loaderData.purpose === "invite" ? "Choose your password" : "Choose a new password";
  return (
    <div className="narrow">
      <title>{`${title} – Clearname`}</title>
      <h1>{title}</h1>
      <p>For {loaderData.email}. Use at least 12 characters; a few unrelated words work well.</p>
      <ErrorSummary form={form} fields={{ password: fields.password, confirm: fields.confirm }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <TextField
          field={fields.password}
          label="New password"
          type="password"
          autoComplete="new-password"
        />
        <TextField
          field={fields.confirm}
          label="Confirm the new password"
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          Save password
        </button>
      </Form>
    </div>
  );
}
