import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import { access, asViewer } from "~/access/access.server";
import { actorOf } from "~/access/acting";
import { servicesContext } from "~/context.server";
import { changePassword, endOtherSessions } from "~/identity/passwords-flow.server";
import { ChangePasswordSchema } from "~/identity/schemas";
import { readSessionToken } from "~/identity/session-cookie.server";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import type { Route } from "./+types/account.password";

export const middleware: Route.MiddlewareFunction[] = [
  access({ kind: "signed-in", duringEnrolment: true }),
];

export function loader() {
  return null;
}

const HIDE = ["current", "password", "confirm"];

/**
 * Written out rather than through formAction: a failed change must not send the passwords
 * back to the page (Conform's `hideFields`, which the pipeline's reply does not take), and a
 * password is checked exactly as typed, not normalised like other text.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ChangePasswordSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: HIDE }) }, { status: 400 });
  const token = readSessionToken(request) ?? "";
  const outcome = await asViewer(context, (tx, acting) =>
    changePassword(tx, actorOf(acting), {
      current: submission.value.current,
      password: submission.value.password,
      sessionToken: token,
    }).then((r) => ({ r, userId: acting.viewer.id })),
  );
  if (!outcome.r.ok) {
    return data(
      {
        result: submission.reply({
          fieldErrors: { current: [outcome.r.message] },
          hideFields: HIDE,
        }),
      },
      { status: 400 },
    );
  }
  await endOtherSessions(context.get(servicesContext).database.db, outcome.userId, token);
  throw redirect("/account?passwordChanged=1");
}

export default function ChangePassword({ actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData?.result,
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
