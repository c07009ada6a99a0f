import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { access } from "~/access/access.server";
import { actorOf } from "~/access/acting";
import { servicesContext } from "~/context.server";
import { invalid } from "~/errors/app-error";
import { changePassword, endOtherSessions } from "~/identity/passwords-flow.server";
import { ChangePasswordSchema } from "~/identity/schemas";
import { readSessionToken } from "~/identity/session-cookie.server";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import type { Route } from "./+types/account.password";

export const middleware: Route.MiddlewareFunction[] = [
  access({ kind: "signed-in", duringEnrolment: true }),
];

export function loader() {
  return null;
}

const PASSWORDS = ["current", "password", "confirm"];

export const action = formAction({
  intents: (intent) => ({
    change: intent({
      schema: ChangePasswordSchema,
      hide: PASSWORDS,
      asTyped: PASSWORDS,
      run: async ({ current, password }, { tx, acting, args, afterCommit }) => {
        const token = readSessionToken(args.request) ?? "";
        const changed = await changePassword(tx, actorOf(acting), {
          current,
          password,
          sessionToken: token,
        });
        if (!changed.ok) throw invalid(changed.message, { field: "current" });
        const { database } = args.context.get(servicesContext);
        afterCommit([() => endOtherSessions(database.db, acting.viewer.id, token)]);
      },
      done: "/account?passwordChanged=1",
    }),
  }),
});

export default function ChangePassword({ actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: resultFor(actionData, "change"),
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  return (
    <div className="narrow">
      <title>Change your password – Clearname</title>
      <h1>Change your password</h1>
      <p>Your other devices will be signed out.</p>
      <ErrorSummary
        form={form}
        fields={{ current: fields.current, password: fields.password, confirm: fields.confirm }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <TextField
          field={fields.current}
          label="Current password"
          type="password"
          autoComplete="current-password"
        />
        <TextField
          field={fields.password}
          label="New password"
          hint="At least 12 characters"
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
          Change password
        </button>
      </Form>
    </div>
  );
}
