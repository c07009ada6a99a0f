import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { eq } from "drizzle-orm";
import { data, Form, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import { access, asViewer, requireViewer } from "~/access/access.server";
import { actorOf } from "~/access/acting";
import { mustUseTwoFactor } from "~/access/viewer";
import { servicesContext } from "~/context.server";
import { users } from "~/db/schema";
import { TwoFactorCodeSchema } from "~/identity/schemas";
import {
  disableTwoFactor,
  enableTwoFactor,
  enrolmentDetails,
  newTotpSecret,
  verifyPlainTotp,
  verifyTotp,
} from "~/identity/two-factor.server";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import type { Route } from "./+types/account.two-factor";

export const middleware: Route.MiddlewareFunction[] = [
  access({ kind: "signed-in", duringEnrolment: true }),
];

const EnableSchema = TwoFactorCodeSchema.extend({
  intent: z.literal("enable"),
  secret: z.string().regex(/^[A-Z2-7]{32}$/),
});
const DisableSchema = TwoFactorCodeSchema.extend({ intent: z.literal("disable") });

export async function loader({ context }: Route.LoaderArgs) {
  const viewer = requireViewer(context);
  const required = mustUseTwoFactor(viewer);
  if (viewer.twoFactorEnabled) return { enabled: true, required, secret: "", qrDataUrl: "" };
  const secret = newTotpSecret();
  const { qrDataUrl } = await enrolmentDetails(secret, viewer.email);
  return { enabled: false, required, secret, qrDataUrl };
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const viewer = requireViewer(context);
  const { secret: appSecret } = context.get(servicesContext);
  if (formData.get("intent") === "disable") {
    const submission = parseWithZod(formData, { schema: DisableSchema });
    if (submission.status !== "success")
      return data({ result: submission.reply(), enrolment: null }, { status: 400 });
    if (mustUseTwoFactor(viewer)) {
      return data(
        {
          result: submission.reply({
            formErrors: ["Your role requires two-factor sign-in, so it cannot be turned off."],
          }),
          enrolment: null,
        },
        { status: 400 },
      );
    }
    const ok = await asViewer(context, async (tx, acting) => {
      const [row] = await tx
        .select({ totpSecret: users.totpSecret })
        .from(users)
        .where(eq(users.id, acting.viewer.id));
      if (!row?.totpSecret || !verifyTotp(row.totpSecret, appSecret, submission.value.code))
        return false;
      await disableTwoFactor(tx, actorOf(acting));
      return true;
    });
    if (!ok)
      return data(
        {
          result: submission.reply({ fieldErrors: { code: ["That code is not right"] } }),
          enrolment: null,
        },
        { status: 400 },
      );
    throw redirect("/account?twoFactor=off");
  }
  const submission = parseWithZod(formData, { schema: EnableSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), enrolment: null }, { status: 400 });
  if (!verifyPlainTotp(submission.value.secret, submission.value.code)) {
    // Keep the key being set up, so the app the user has just configured stays valid.
    const { qrDataUrl } = await enrolmentDetails(submission.value.secret, viewer.email);
    return data(
      {
        result: submission.reply({
          fieldErrors: {
            code: [
              "That code is not right. Check the key was entered correctly and try the newest code.",
            ],
          },
        }),
        enrolment: { secret: submission.value.secret, qrDataUrl },
      },
      { status: 400 },
    );
  }
  await asViewer(context, (tx, acting) =>
    enableTwoFactor(tx, actorOf(acting), { base32: submission.value.secret, appSecret }),
  );
  throw redirect("/account?twoFactor=on");
}

export default function TwoFactor({ loaderData, actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const enrolment = actionData?.enrolment ?? null;
  const [form, fields] = useForm({
    id: "two-factor-settings",
    lastResult: actionData?.result,
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
      <img
        className="qr"
        src={enrolment?.qrDataUrl ?? loaderData.qrDataUrl}
        alt="QR code for your authenticator app"
        width={200}
        height={200}
      />
      <p>
        Key:{" "}
        <code className="totp-key">
          {(enrolment?.secret ?? loaderData.secret).match(/.{1,4}/g)?.join(" ")}
        </code>
      </p>
      <ErrorSummary form={form} fields={{ code: fields.code }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="enable" />
        <input type="hidden" name="secret" value={enrolment?.secret ?? loaderData.secret} />
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
