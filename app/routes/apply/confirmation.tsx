import { redirect } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import { asSystem } from "~/db/database.server";
import { EXPIRED_URL, pageDraft } from "~/intake/online/draft-session.server";
import { getNetworkSettings, networkName } from "~/settings/network-settings.server";
import type { Route } from "./+types/confirmation";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export async function loader(args: Route.LoaderArgs) {
  const draft = await pageDraft(args, { allowSubmitted: true });
  if (!draft) throw redirect(EXPIRED_URL);
  if (!draft.submittedReference) throw redirect(`/apply/${draft.id}/check`);
  // Nobody is signed in: the network's name and postal address are read as the system.
  const { database } = args.context.get(servicesContext);
  const network = await asSystem(database.db, async (tx) => ({
    name: await networkName(tx),
    address: (await getNetworkSettings(tx)).returnAddress,
  }));
  return { reference: draft.submittedReference, network };
}

export default function ApplicationSent({ loaderData }: Route.ComponentProps) {
  const { reference, network } = loaderData;
  return (
    <div className="narrow">
      <title>Application sent – Clearname</title>
      <div className="notice" role="status">
        <h1>Application sent</h1>
        <p>The application's reference is</p>
        <p className="lead">
          <strong>{reference}</strong>
        </p>
      </div>
      <p>
        Write the reference down and use it whenever you contact us. If you gave an email address,
        we have sent the reference to it.
      </p>
      <h2>What happens next</h2>
      <ul>
        <li>We will write to the applicant to say that we have the application.</li>
        <li>
          We read every application carefully to see whether one of our member projects could look
          into the case. This can take some months. We will write when there is news.
        </li>
        <li>
          If anything changes, for example the applicant moves to another prison, write to us with
          the reference.
        </li>
      </ul>
      <h2>Our address</h2>
      {network.address.length > 0 ? (
        <>
          <p>Write to us at:</p>
          <address>
            {[network.name, ...network.address].map((line) => (
              <span key={line}>
                {line}
                <br />
              </span>
            ))}
          </address>
        </>
      ) : (
        <p>Write to {network.name}, quoting the reference.</p>
      )}
      <p>If you send us papers, send copies, not the originals.</p>
    </div>
  );
}
