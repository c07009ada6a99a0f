import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect, useSearchParams } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import { DRAFT_DAYS } from "~/intake/online/draft-data";
import { pageDraft, postDraftOrResume } from "~/intake/online/draft-session.server";
import { chooseDraftSecret } from "~/intake/online/drafts.server";
import { SecretSchema } from "~/intake/online/schemas";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import type { Route } from "./+types/save";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export async function loader(args: Route.LoaderArgs) {
  const draft = await pageDraft(args);
  if (!draft) throw redirect("/apply/resume?expired=1");
  return { id: draft.id, reference: draft.reference, hasSecret: draft.hasSecret, step: draft.step };
}

export async function action(args: Route.ActionArgs) {
  const { draft, headers } = await postDraftOrResume(args);
  const formData = await args.request.formData();
  const submission = parseWithZod(formData, { schema: SecretSchema });
  if (submission.status !== "success") {
    return data(
      { result: submission.reply({ hideFields: ["secret", "confirm"] }) },
      { status: 400, headers },
    );
  }
  const { database } = args.context.get(servicesContext);
  const saved = await chooseDraftSecret(database.db, draft.id, submission.value.secret);
  const to = formData.get("later") ? "save?later=1" : saved.step;
  throw redirect(`/apply/${draft.id}/${to}`, { headers });
}

function Reference({ reference }: { reference: string }) {
  return (
    <div className="notice">
      <p>Your reference is</p>
      <p className="lead">
        <strong>{reference}</strong>
      </p>
      <p>
        Write it down now, with your secret. You need both to come back to your application. We
        cannot tell you the secret again.
      </p>
    </div>
  );
}

export default function SaveApplication({ loaderData, actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const later = searchParams.get("later") === "1";
  const [form, fields] = useForm({
    id: "save",
    lastResult: actionData?.result,
    constraint: getZodConstraint(SecretSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SecretSchema }),
  });
  const { id, reference, hasSecret, step } = loaderData;
  if (later && hasSecret) {
    return (
      <div className="narrow">
        <title>Your application is saved – Apply for help – Clearname</title>
        <h1>Your application is saved</h1>
        <Reference reference={reference} />
        <p>
          To come back to it, go to <Link to="/apply/resume">continue a saved application</Link> and
          enter your reference and secret. We keep your answers for {DRAFT_DAYS} days after you last
          save. You can close this page now.
        </p>
        <p>
          <Link to={`/apply/${id}/${step}`} className="button">
            Carry on with your application
          </Link>
        </p>
        <p>
          <Link to={`/apply/${id}/save`}>Choose a new secret</Link>
        </p>
      </div>
    );
  }
  const title = hasSecret ? "Choose a new secret" : "Save your application";
  return (
    <div className="narrow">
      <title>{`${title} – Apply for help – Clearname`}</title>
      <h1>{title}</h1>
      <p>
        Choose a secret, like a password, so that you can come back to your application on any
        computer or phone, and so that nobody else can.
      </p>
      <Reference reference={reference} />
      <ErrorSummary form={form} fields={{ secret: fields.secret, confirm: fields.confirm }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        {later ? <input type="hidden" name="later" value="1" /> : null}
        <TextField
          field={fields.secret}
          label="Your secret"
          hint="At least 8 characters. A few words are easy to remember, like ‘blue kettle garden’."
          type="password"
          autoComplete="new-password"
        />
        <TextField
          field={fields.confirm}
          label="Type your secret again"
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          {later ? "Save" : "Save and continue"}
        </button>
      </Form>
      {hasSecret ? (
        <p>
          <Link to={`/apply/${id}/${step}`}>Keep my secret and carry on</Link>
        </p>
      ) : null}
    </div>
  );
}
