import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, redirect, useSearchParams } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { requestContext, servicesContext, sessionContext } from "~/context.server";
import { AppError, invalid } from "~/errors/app-error";
import { SignInSchema } from "~/identity/schemas";
import { readSessionToken, sessionCookie } from "~/identity/session-cookie.server";
import { deleteSession } from "~/identity/sessions.server";
import { signIn } from "~/identity/sign-in.server";
import { publicFormAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import { safeRedirect } from "~/ui/redirects";
import type { Route } from "./+types/sign-in";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export function loader({ context, request }: Route.LoaderArgs) {
  if (context.get(sessionContext).state === "active") {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  }
  return null;
}

export const action = publicFormAction({
  intents: (intent) => ({
    signIn: intent({
      schema: SignInSchema,
      hide: ["password"],
      asTyped: ["password"],
      run: async ({ email, password, redirectTo }, { args: { request, context } }) => {
        const { database } = context.get(servicesContext);
        const facts = context.get(requestContext);
        const result = await signIn(database.db, {
          email,
          password,
          ip: facts.ip,
          userAgent: facts.userAgent,
          requestId: facts.requestId,
        });
        if (result.kind === "invalid") throw invalid("The e-mail address or password is not right");
        if (result.kind === "throttled")
          throw new AppError(
            "THROTTLED",
            `Too many attempts to sign in. Wait ${result.retryAfterMinutes} minutes, then try again.`,
          );
        // A fresh session token at every sign-in: an earlier one in this browser is ended.
        const previous = readSessionToken(request);
        if (previous) await deleteSession(database.db, previous);
        const to = safeRedirect(redirectTo);
        const next =
          result.kind === "second-factor-required"
            ? `/sign-in/two-factor?redirectTo=${encodeURIComponent(to)}`
            : to;
        return redirect(next, { headers: { "Set-Cookie": sessionCookie(request, result.token) } });
      },
    }),
  }),
});

export default function SignIn({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult: resultFor(actionData, "signIn"),
    constraint: getZodConstraint(SignInSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  });
  // Where sign-out and the password reset send people: say what has happened.
  const notice = searchParams.get("signedOut")
    ? "You have signed out."
    : searchParams.get("passwordSet")
      ? "Your new password is saved. Sign in with it."
      : null;
  return (
    <div className="narrow">
      <title>Sign in – Clearname</title>
      <h1>Sign in</h1>
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <ErrorSummary form={form} fields={{ email: fields.email, password: fields.password }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <TextField
          field={fields.email}
          label="E-mail address"
          type="email"
          autoComplete="username"
        />
        <TextField
          field={fields.password}
          label="Password"
          type="password"
          autoComplete="current-password"
        />
        <button type="submit" className="button">
          Sign in
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">I have forgotten my password</Link>
      </p>
    </div>
  );
}
