import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect, useSearchParams } from "react-router";
import { access } from "~/access/access.server";
import { requestContext, servicesContext } from "~/context.server";
import { TwoFactorCodeSchema } from "~/identity/schemas";
import { readSessionToken, sessionCookie } from "~/identity/session-cookie.server";
import { completeSecondFactor } from "~/identity/sign-in.server";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import { safeRedirect } from "~/ui/redirects";
import type { Route } from "./+types/sign-in.two-factor";

export const middleware: Route.MiddlewareFunction[] = [access({ kind: "second-factor-pending" })];

export function loader() {
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: TwoFactorCodeSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { database, secret } = context.get(servicesContext);
  const facts = context.get(requestContext);
  const result = await completeSecondFactor(database.db, secret, {
    pendingToken: readSessionToken(request) ?? "",
    code: submission.value.code,
    ip: facts.ip,
    userAgent: facts.userAgent,
    requestId: facts.requestId,
  });
  if (result.kind === "throttled") {
    return data(
      {
        result: submission.reply({
          formErrors: [
            `Too many attempts. Wait ${result.retryAfterMinutes} minutes, then sign in again.`,
          ],
        }),
      },
      { status: 429 },
    );
  }
  if (result.kind !== "signed-in") {
    return data(
      {
        result: submission.reply({
          fieldErrors: {
            code: ["That code is not right. Check your app and try the newest code."],
          },
        }),
      },
      { status: 400 },
    );
  }
  throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")), {
    headers: { "Set-Cookie": sessionCookie(request, result.token) },
  });
}

export default function TwoFactorSignIn({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "two-factor",
    lastResult: actionData?.result,
    constraint: getZodConstraint(TwoFactorCodeSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TwoFactorCodeSchema }),
  });
  return (
    <div className="narrow">
      <title>Enter your code – Clearname</title>
      <h1>Enter the code from your authenticator app</h1>
      <ErrorSummary form={form} fields={{ code: fields.code }} />
      <Form method="post" action={`?${searchParams.toString()}`} {...getFormProps(form)}>
        <CsrfInput />
        <TextField
          field={fields.code}
          label="6-digit code"
          autoComplete="one-time-code"
          width="short"
        />
        <button type="submit" className="button">
          Continue
        </button>
      </Form>
    </div>
  );
}
