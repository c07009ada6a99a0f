import { Form, Link, redirect } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { requestContext, servicesContext } from "~/context.server";
import { AppError } from "~/errors/app-error";
import { draftCookie } from "~/intake/online/draft-cookie.server";
import { DRAFT_DAYS } from "~/intake/online/draft-data";
import { startDraft } from "~/intake/online/drafts.server";
import { HONEYPOT_FIELD, HoneypotSchema } from "~/intake/online/schemas";
import { Honeypot } from "~/intake/online/step-page";
import { publicFormAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput } from "~/ui/forms";
import type { Route } from "./+types/start";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export function loader() {
  return null;
}

export const action = publicFormAction({
  intents: (intent) => ({
    start: intent({
      schema: HoneypotSchema,
      run: async (input, { args: { request, context } }) => {
        const { database, secret } = context.get(servicesContext);
        const result = await startDraft(database.db, {
          ip: context.get(requestContext).ip,
          honeypot: input[HONEYPOT_FIELD] ?? "",
        });
        if (result.kind === "discarded") return redirect("/apply");
        if (result.kind === "throttled")
          throw new AppError(
            "THROTTLED",
            `Too many applications have been started from your internet connection in the last hour. Wait ${result.retryAfterMinutes} minutes, then try again, or write to us instead.`,
          );
        return redirect(`/apply/${result.draft.id}/about-you`, {
          headers: { "Set-Cookie": draftCookie(request, secret, result.draft.id) },
        });
      },
    }),
  }),
});

export default function ApplyStart({ actionData }: Route.ComponentProps) {
  const error = resultFor(actionData, "start")?.error?.[""]?.join(" ");
  return (
    <div className="narrow">
      <title>Apply for help with a wrongful conviction – Clearname</title>
      <h1>Apply for help with a wrongful conviction</h1>
      {error ? (
        <div className="error-summary" role="alert">
          <h2>There is a problem</h2>
          <p>{error}</p>
        </div>
      ) : null}
      <p className="lead">
        Use this form to ask our network of innocence projects to look at a conviction that you
        believe is wrong.
      </p>
      <h2>Who can apply</h2>
      <ul>
        <li>the person who was convicted (we call them the applicant), or</li>
        <li>
          someone else for them, such as a family member, a friend, a solicitor or an MP, as long as
          the applicant knows about the application and agrees to it
        </li>
      </ul>
      <h2>What happens next</h2>
      <p>
        You get a reference as soon as you have applied, and we write to the applicant to say we
        have the application. We then read every application carefully to see whether one of our
        member projects could look into the case. This can take some months.
      </p>
      <h2>What you will need</h2>
      <ul>
        <li>the applicant's full name, date of birth and prisoner number, if they have one</li>
        <li>the prison they are in, or their address</li>
        <li>the offence, the court and the date of the conviction</li>
        <li>what happened at the trial and at any appeal, as far as you know it</li>
      </ul>
      <p>
        Answer what you can. We will ask for anything else we need. You do not need an email
        address.
      </p>
      <p>
        If you want to stop and finish another time, choose ‘Save and come back later’ on any page:
        you will get a reference and choose a password. We keep saved answers for {DRAFT_DAYS} days
        after you last save.
      </p>
      <h2>How we use the information</h2>
      <p>
        We use what you tell us only to decide whether we can help, and to help if we can. It is
        seen only by the staff and volunteers who work on applications, who must keep it
        confidential. We keep an application while we work on it and for a limited time afterwards.
        You, and the applicant, can ask to see what we hold about you, or ask us to correct it.
      </p>
      <Form method="post">
        <CsrfInput />
        <Honeypot />
        <button type="submit" className="button">
          Start now
        </button>
      </Form>
      <p>
        <Link to="/apply/resume">Continue a saved application</Link>
      </p>
    </div>
  );
}
