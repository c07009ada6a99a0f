import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, redirect, useSearchParams } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import { DRAFT_DAYS, DRAFT_SESSION_MINUTES } from "~/intake/online/draft-data";
import { pageDraft, postDraftOrResume } from "~/intake/online/draft-session.server";
import { chooseDraftSecret } from "~/intake/online/drafts.server";
import { SecretSchema } from "~/intake/online/schemas";
import { publicFormAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import type { Route } from "./+types/save";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

/**
 * Saving to come back later: offered on every page, never required (decision 022). Only
 * here is a password chosen; the application's reference is set aside at the same time, so
 * the reference written down now is the one the application keeps.
 */
export async function loader(args: Route.LoaderArgs) {
  const draft = await pageDraft(args);
  if (!draft) throw redirect("/apply/resume?expired=1");
  return {
    id: draft.id,
    // The draft's own key is never shown: only the application's reference, once set aside.
    reference: draft.hasSecret ? draft.reference : null,
    hasSecret: draft.hasSecret,
    step: draft.step,
  };
}

export const action = publicFormAction({
  ids: ["draft"],
  intents: (intent) => ({
    save: intent({
      schema: SecretSchema,
      hide: ["secret", "confirm"],
      run: async ({ secret }, { args }) => {
        const { draft, headers } = await postDraftOrResume(
          args as Parameters<typeof postDraftOrResume>[0],
        );
        await chooseDraftSecret(args.context.get(servicesContext).database.db, draft.id, secret);
        return redirect(`/apply/${draft.id}/save?later=1`, { headers });
      },
    }),
  }),
});

function Reference({ reference }: { reference: string }) {
  return (
    <div className="notice">
      <p>Your reference is</p>
      <p className="lead">
        <strong>{reference}</strong>
      </p>
      <p>
        Write it down with your password. You need both to come back to your application, and the
        application keeps this reference when you send it.
      </p>
    </div>
  );
}

export default function SaveApplication({ loaderData, actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const later = searchParams.get("later") === "1";
  const [form, fields] = useForm({
    id: "save",
    lastResult: resultFor(actionData, "save"),
    constraint: getZodConstraint(SecretSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SecretSchema }),
  });
  const { id, reference, hasSecret, step } = loaderData;
  if (later && hasSecret && reference) {
    return (
      <div className="narrow">
        <title>Your application is saved – Apply for help – Clearname</title>
        <h1>Your application is saved</h1>
        <Reference reference={reference} />
        <p>
          To come back to it, go to <Link to="/apply/resume">continue a saved application</Link> and
          enter your reference and password. We keep your answers for {DRAFT_DAYS} days after you
          last save. You can close this page now.
        </p>
        <p>
          <Link to={`/apply/${id}/${step}`} className="button">
            Carry on with your application
          </Link>
        </p>
        <p>
          <Link to={`/apply/${id}/save`}>Change your password</Link>
        </p>
      </div>
    );
  }
  const title = hasSecret ? "Change your password" : "Save your application to finish later";
  return (
    <div className="narrow">
      <title>{`${title} – Apply for help – Clearname`}</title>
      <h1>{title}</h1>
      {hasSecret ? null : (
        <>
          <p>
            You only need to do this if you want to stop now and finish another time, or on another
            computer or phone.
          </p>
          <p>
            If you carry on without saving, you can leave this page open for up to{" "}
            {DRAFT_SESSION_MINUTES / 60} hours between pages.
          </p>
          <p>
            Choose a password. We will then show you your reference. You need both to come back to
            your application, and nobody else can open it without them.
          </p>
        </>
      )}
      {reference ? <Reference reference={reference} /> : null}
      <ErrorSummary form={form} fields={{ secret: fields.secret, confirm: fields.confirm }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <TextField
          field={fields.secret}
          label={hasSecret ? "New password" : "Password"}
          hint="Use at least 8 characters. A few words are easy to remember, like ‘blue kettle garden’."
          type="password"
          autoComplete="new-password"
        />
        <TextField
          field={fields.confirm}
          label="Enter the password again"
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          Save
        </button>
      </Form>
      <p>
        <Link to={`/apply/${id}/${step}`}>
          {hasSecret ? "Keep my password and carry on" : "Carry on without saving"}
        </Link>
      </p>
    </div>
  );
}
