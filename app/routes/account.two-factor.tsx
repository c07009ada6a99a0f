import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, type ShouldRevalidateFunctionArgs, useSearchParams } from "react-router";
import { z } from "zod";
import { access, requireViewer } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import { TwoFactorCodeSchema } from "~/identity/schemas";
import { enrolmentDetails, newTotpSecret } from "~/identity/two-factor.server";
import { canTurnOffTwoFactor, isTotpKey } from "~/identity/two-factor-rules";
import { turnOffTwoFactor, turnOnTwoFactor } from "~/identity/two-factor-settings.server";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import type { Route } from "./+types/account.two-factor";

export const middleware: Route.MiddlewareFunction[] = [
  access({ kind: "signed-in", duringEnrolment: true }),
];

const EnableSchema = TwoFactorCodeSchema.extend({
  intent: z.literal("enable"),
  secret: z.string().refine(isTotpKey, "The key being set up was changed: reload the page"),
});
const DisableSchema = TwoFactorCodeSchema.extend({ intent: z.literal("disable") });

export async function loader({ context }: Route.LoaderArgs) {
  const viewer = requireViewer(context);
  const required = !canTurnOffTwoFactor(viewer);
  if (viewer.twoFactorEnabled) return { enabled: true, required, secret: "", qrDataUrl: "" };
  const secret = newTotpSecret();
  const { qrDataUrl } = await enrolmentDetails(secret, viewer.email);
  return { enabled: false, required, secret, qrDataUrl };
}

export const action = formAction({
  intents: (intent) => ({
    enable: intent({
      schema: EnableSchema,
      run: ({ secret, code }, { tx, acting, args }) =>
        turnOnTwoFactor(tx, acting, {
          secret,
          code,
          appSecret: args.context.get(servicesContext).secret,
        }),
      done: "/account?twoFactor=on",
    }),
    disable: intent({
      schema: DisableSchema,
      run: ({ code }, { tx, acting, args }) =>
        turnOffTwoFactor(tx, acting, { code, appSecret: args.context.get(servicesContext).secret }),
      done: "/account?twoFactor=off",
    }),
  }),
});

/**
 * A wrong code keeps the key being set up: the page is not reloaded (which would draw a new
 * key), so the app the user has just configured stays valid.
 */
export function shouldRevalidate({
  actionStatus,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  return actionStatus !== undefined && actionStatus >= 400 ? false : defaultShouldRevalidate;
}

export default function TwoFactor({ loaderData, actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  // After a wrong code, the key that was being set up (without JavaScript the page is drawn
  // anew with a new key, whose QR code would not match it: the key is then typed in by hand).
  const posted = resultFor(actionData, "enable")?.initialValue?.secret;
  const secret = isTotpKey(posted) ? posted : loaderData.secret;
  const qrMatches = secret === loaderData.secret;
  const [form, fields] = useForm({
    id: "two-factor-settings",
    lastResult: resultFor(actionData, "enable") ?? resultFor(actionData, "disable"),
    constraint: getZodConstraint(TwoFactorCodeSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TwoFactorCodeSchema }),
  });
  if (loaderData.enabled) {
    return (
      <div className="narrow">
        <title>Two-factor sign-in – Clearname</title>
        <h1>Two-factor sign-in is on</h1>
        {loaderData.required ? (
          <p>Your role requires it, so it stays on.</p>
        ) : (
          <>
            <p>To turn it off, enter a current code from your authenticator app.</p>
            <ErrorSummary form={form} fields={{ code: fields.code }} />
            <Form method="post" {...getFormProps(form)}>
              <CsrfInput />
              <input type="hidden" name="intent" value="disable" />
              <TextField
                field={fields.code}
                label="6-digit code"
                autoComplete="one-time-code"
                width="short"
              />
              <button type="submit" className="button button-warning">
                Turn off two-factor sign-in
              </button>
            </Form>
          </>
        )}
      </div>
    );
  }
  return (
    <div className="narrow">
      <title>Set up two-factor sign-in – Clearname</title>
      <h1>Set up two-factor sign-in</h1>
      {searchParams.get("required") || loaderData.required ? (
        <div className="notice" role="status">
          <p>Your role requires two-factor sign-in. Set it up to continue.</p>
        </div>
      ) : null}
      <ol>
        <li>
          Open an authenticator app on your phone (for example one from your organisation's IT
          team).
        </li>
        <li>Scan this QR code, or type in the key below.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      {qrMatches ? (
        <img
          className="qr"
          src={loaderData.qrDataUrl}
          alt="QR code for your authenticator app"
          width={200}
          height={200}
        />
      ) : null}
      <p>
        Key: <code className="totp-key">{secret.match(/.{1,4}/g)?.join(" ")}</code>
      </p>
      <ErrorSummary form={form} fields={{ code: fields.code }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="enable" />
        <input type="hidden" name="secret" value={secret} />
        <TextField
          field={fields.code}
          label="6-digit code"
          autoComplete="one-time-code"
          width="short"
        />
        <button type="submit" className="button">
          Turn on two-factor sign-in
        </button>
      </Form>
    </div>
  );
}
