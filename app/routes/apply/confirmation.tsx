import { redirect } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { EXPIRED_URL, pageDraft } from "~/intake/online/draft-session.server";
import type { Route } from "./+types/confirmation";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export async function loader(args: Route.LoaderArgs) {
  const draft = await pageDraft(args, { allowSubmitted: true });
  if (!draft) throw redirect(EXPIRED_URL);
  if (!draft.submittedReference) throw redirect(`/apply/${draft.id}/check`);
  return { reference: draft.submittedReference };
}

export default function ApplicationSent({ loaderData }: Route.ComponentProps) {
  return (
    <div className="narrow">
      <title>Application sent – Clearname</title>
      <div className="notice" role="status">
        <h1>Application sent</h1>
        <p>The application's reference is</p>
        <p className="lead">
          <strong>{loaderData.reference}</strong>
        </p>
      </div>
      <p>
        Please write the reference down and quote it whenever you contact us. If you gave an e-mail
        address, we have sent the reference to it.
      </p>
      <h2>What happens next</h2>
      <ul>
        <li>We will write to the applicant to say that we have the application.</li>
        <li>
          We read every application carefully to see whether one of our member projects could look
          into the case. This can take some months, and we will write when there is news.
        </li>
        <li>
          If anything changes, for example the applicant moves to another prison, write to us with
          the reference.
        </li>
      </ul>
    </div>
  );
}
