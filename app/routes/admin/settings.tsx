import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  getNetworkSettings,
  staleCaseDays,
  updateNetworkSettings,
} from "~/settings/network-settings.server";
import {
  MAX_STALE_CASE_DAYS,
  MAX_TARGET_DAYS,
  MIN_STALE_CASE_DAYS,
  MIN_TARGET_DAYS,
  SettingsSchema,
} from "~/settings/schemas";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import type { Route } from "./+types/settings";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:settings:any"))];

export async function loader({ request, context }: Route.LoaderArgs) {
  const saved = new URL(request.url).searchParams.get("saved");
  const settings = await asViewer(context, async (tx) => ({
    ...(await getNetworkSettings(tx)),
    staleCaseDays: await staleCaseDays(tx),
  }));
  return { settings, saved };
}

export const action = formAction({
  intents: (intent) => ({
    save: intent({
      schema: SettingsSchema,
      run: (input, { tx, acting }) => updateNetworkSettings(tx, acting, input),
      done: ({ changed }) => `/admin/settings?saved=${changed.length}`,
    }),
  }),
});

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const { settings, saved } = loaderData;
  const [form, fields] = useForm({
    id: "settings",
    lastResult: resultFor(actionData, "save"),
    defaultValue: {
      acknowledgementTargetDays: String(settings.acknowledgementTargetDays),
      returnAddress: settings.returnAddress.join("\n"),
      staleCaseDays: String(settings.staleCaseDays),
    },
    constraint: getZodConstraint(SettingsSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SettingsSchema }),
  });
  return (
    <div className="narrow">
      <title>Network settings – Clearname</title>
      <h1>Network settings</h1>
      <p>
        The wording of letters is under <Link to="/admin/letter-templates">Letter templates</Link>.
      </p>
      {saved !== null ? (
        <div className="notice" role="status">
          <p>{saved === "0" ? "Nothing had changed." : "The settings have been saved."}</p>
        </div>
      ) : null}
      {settings.returnAddress.length === 0 ? (
        <p className="notice notice-warning">
          There is no return address yet: letters and questionnaires go out with the network's name
          only. Add it below.
        </p>
      ) : null}
      <ErrorSummary
        form={form}
        fields={{
          acknowledgementTargetDays: fields.acknowledgementTargetDays,
          returnAddress: fields.returnAddress,
          staleCaseDays: fields.staleCaseDays,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <TextField
          field={fields.acknowledgementTargetDays}
          label="Acknowledgement target, in working days"
          hint={`From ${MIN_TARGET_DAYS} to ${MAX_TARGET_DAYS}; Monday to Friday count. A new target applies to applications recorded from now on.`}
          type="number"
          width="short"
        />
        <TextareaField
          field={fields.returnAddress}
          label="Return address"
          hint="Printed on every letter and questionnaire, under the network's name: one line a line, with the postcode last"
          rows={5}
        />
        <TextField
          field={fields.staleCaseDays}
          label="Days without activity before a project's case is flagged"
          hint={`From ${MIN_STALE_CASE_DAYS} to ${MAX_STALE_CASE_DAYS}. The projects overview counts each project's cases with no recorded activity for this long, and the referral coordinators and the project's leads are alerted once when a case has been quiet this long.`}
          type="number"
          width="short"
        />
        <button type="submit" className="button">
          Save settings
        </button>
      </Form>
      <p>
        <Link to="/admin/establishments">Prison establishments</Link>
      </p>
      <p>
        <Link to="/admin/assessment-lists">Assessment lists and second review</Link>
      </p>
    </div>
  );
}
