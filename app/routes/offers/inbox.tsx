import { Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { listOffers } from "~/referrals/list-offers.server";
import { expiryPhrase, OFFER_STATUS_LABELS } from "~/referrals/project-labels";
import { today } from "~/shared/dates";
import type { Route } from "./+types/inbox";

export const middleware: Route.MiddlewareFunction[] = [access(requires("respond:referral:own"))];

export async function loader({ context }: Route.LoaderArgs) {
  const offers = await asViewer(context, (tx, acting) => listOffers(tx, acting));
  const projects = new Set([...offers.open, ...offers.answered].map((o) => o.projectName));
  return { ...offers, today: today(), manyProjects: projects.size > 1 };
}

export default function OffersInbox({ loaderData }: Route.ComponentProps) {
  const { open, answered, manyProjects } = loaderData;
  const [searchParams] = useSearchParams();
  return (
    <>
      <title>Offers – Clearname</title>
      {searchParams.get("declined") ? (
        <div className="notice" role="status">
          <p>You declined the case. The network has been told, with your reason.</p>
        </div>
      ) : null}
      <h1>Offers</h1>
      <p>
        Cases the network offers to your project. Read each case and accept or decline it before its
        offer expires: an offer not answered in time goes back to the network.
      </p>
      <h2>Waiting for your answer</h2>
      {open.length === 0 ? (
        <p>No offers are waiting for an answer.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Offers waiting for your answer</caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Applicant</th>
                {manyProjects ? <th scope="col">Offered to</th> : null}
                <th scope="col">Offered on</th>
                <th scope="col">Answer by</th>
              </tr>
            </thead>
            <tbody>
              {open.map((o) => {
                const expired = o.expiresOn < loaderData.today;
                return (
                  <tr key={o.id}>
                    <td>
                      <Link to={`/offers/${o.id}`}>{o.reference ?? "Offered case"}</Link>
                    </td>
                    <td>{o.applicantName ?? "—"}</td>
                    {manyProjects ? <td>{o.projectName}</td> : null}
                    <td>{o.offeredOn}</td>
                    <td>
                      {o.expiresOn}
                      <br />
                      <span className={expired ? "tag tag-urgent" : "hint"}>
                        {expiryPhrase(loaderData.today, o.expiresOn)}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h2>Answered, lapsed or withdrawn</h2>
      {answered.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Offers answered, lapsed or withdrawn</caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                {manyProjects ? <th scope="col">Offered to</th> : null}
                <th scope="col">Offered on</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {answered.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/offers/${o.id}`}>{o.reference ?? "Offered case"}</Link>
                    {o.applicantName ? (
                      <>
                        <br />
                        <span className="hint">{o.applicantName}</span>
                      </>
                    ) : null}
                  </td>
                  {manyProjects ? <td>{o.projectName}</td> : null}
                  <td>{o.offeredOn}</td>
                  <td>
                    {OFFER_STATUS_LABELS[o.status]}
                    {o.respondedOn ? ` on ${o.respondedOn}` : ""}
                    {o.caseId ? (
                      <>
                        {" "}
                        ·{" "}
                        <Link to={`/cases/${o.caseId}`}>
                          Open the case<span className="visually-hidden"> {o.reference}</span>
                        </Link>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
