import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useSearchParams } from "react-router";
import { access } from "~/access/access.server";
import { requestContext, servicesContext } from "~/context.server";
import { AppError, invalid } from "~/errors/app-error";
import { TwoFactorCodeSchema } from "~/identity/schemas";
import { readSessionToken, sessionCookie } from "~/identity/session-cookie.server";
import { completeSecondFactor } from "~/identity/sign-in.server";
import { publicFormAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import { safeRedirect } from "~/ui/redirects";
import type { Route } from "./+types/sign-in.two-factor";

export const middleware: Route.MiddlewareFunction[] = [access({ kind: "second-factor-pending" })];

export function loader() {
  return null;
}

export const action = publicFormAction({
  intents: (intent) => ({
    code: intent({
      schema: TwoFactorCodeSchema,
      run: async ({ code }, { args: { request, context } }) => {
        const { database, secret } = context.get(servicesContext);
        const facts = context.get(requestContext);
        const result = await completeSecondFactor(database.db, secret, {
          pendingToken: readSessionToken(request) ?? "",
          code,
          ip: facts.ip,
          userAgent: facts.userAgent,
          requestId: facts.requestId,
        });
        if (result.kind === "throttled")
          throw new AppError(
            "THROTTLED",
            `Too many attempts. Wait ${result.retryAfterMinutes} minutes, then sign in again.`,
          );
        if (result.kind !== "signed-in")
          throw invalid("That code is not right. Check your app and try the newest code.", {
            field: "code",
          });
        return redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")), {
          headers: { "Set-Cookie": sessionCookie(request, result.token) },
        });
      },
    }),
  }),
});

export default function TwoFactorSignIn({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "two-factor",
    lastResult: resultFor(actionData, "code"),
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
