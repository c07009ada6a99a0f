import { Link, useSearchParams } from "react-router";
import { SIGNED_IN } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { ROLES } from "~/access/catalogue";
import { can } from "~/access/viewer";
import { forbidden } from "~/errors/app-error";
import { listMembers } from "~/organisations/memberships.server";
import { getOrganisation } from "~/organisations/organisations.server";
import {
  canEditOrganisation,
  canManageMembers,
  canViewMembers,
  canViewOrganisation,
} from "~/organisations/policies";
import { JURISDICTIONS, ORGANISATION_STATUSES, PROJECT_KINDS } from "~/organisations/schemas";
import { listTermBreaks } from "~/projects/term-breaks.server";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/organisations.$id";

// Signed in; which organisations a user may open is decided by canViewOrganisation.
export const middleware: Route.MiddlewareFunction[] = [access(SIGNED_IN)];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => {
    const organisation = await getOrganisation(tx, id);
    if (!canViewOrganisation(acting.viewer, organisation.id))
      throw forbidden("You can only see organisations you belong to.");
    const members = canViewMembers(acting.viewer, organisation.id)
      ? await listMembers(tx, acting, organisation.id)
      : null;
    return {
      organisation,
      termBreaks: organisation.kind === "project" ? await listTermBreaks(tx, organisation.id) : [],
      today: new Date().toISOString().slice(0, 10),
      members: members?.map((m) => ({ ...m, role: ROLES[m.roleKey].label })) ?? null,
      canEdit:
        organisation.kind === "project" && canEditOrganisation(acting.viewer, organisation.id),
      canManageMembers:
        canManageMembers(acting.viewer, organisation.id) && organisation.status !== "closed",
      canHandOverYear:
        organisation.kind === "project" &&
        organisation.status !== "closed" &&
        can(acting.viewer, "manage:case:own", organisation.id),
      canClose:
        organisation.kind === "project" &&
        organisation.status !== "closed" &&
        can(acting.viewer, "manage:organisation:any"),
    };
  });
}

export default function OrganisationPage({ loaderData }: Route.ComponentProps) {
  const { organisation: o, members } = loaderData;
  const comingBreaks = loaderData.termBreaks.filter((b) => b.endsOn >= loaderData.today);
  const [searchParams] = useSearchParams();
  const notice = searchParams.get("created")
    ? "Project added."
    : searchParams.get("saved")
      ? "Changes saved."
      : searchParams.get("member") === "invited"
        ? "Membership saved. They have been e-mailed an invitation to choose a password."
        : searchParams.get("member")
          ? "Membership saved."
          : null;
  return (
    <>
      <title>{`${o.name} – Clearname`}</title>
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p className="caption">{o.kind === "network" ? "The network" : "Member project"}</p>
      <h1>{o.name}</h1>
      <dl className="summary-list">
        {o.kind === "project" ? (
          <>
            <div>
              <dt>Host institution</dt>
              <dd>{o.hostInstitution ?? "Not recorded"}</dd>
            </div>
            <div>
              <dt>Kind</dt>
              <dd>{o.projectKind ? PROJECT_KINDS[o.projectKind] : "Not recorded"}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>
                {ORGANISATION_STATUSES[o.status]}
                {o.closedOn ? ` since ${o.closedOn}` : ""}
                {o.status === "paused" && o.pausedOn ? ` since ${o.pausedOn}` : ""}
              </dd>
            </div>
            <div>
              <dt>Capacity</dt>
              <dd>{o.capacity === null ? "Not set" : `${o.capacity} active cases`}</dd>
            </div>
            <div>
              <dt>Specialisms</dt>
              <dd>{o.specialisms.length ? o.specialisms.join(", ") : "None recorded"}</dd>
            </div>
            <div>
              <dt>Address</dt>
              <dd>
                {o.addressLines.length
                  ? o.addressLines.map((line) => <div key={line}>{line}</div>)
                  : "Not recorded"}
              </dd>
            </div>
            <div>
              <dt>Contact</dt>
              <dd>
                {[o.contactEmail, o.contactPhone].filter(Boolean).join(", ") || "Not recorded"}
                {o.website && /^https?:\/\//i.test(o.website) ? (
                  <div>
                    <a href={o.website} rel="noopener noreferrer nofollow">
                      {o.website}
                    </a>
                  </div>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>Term breaks</dt>
              <dd>
                {comingBreaks.length
                  ? comingBreaks.map((b) => (
                      <div key={b.id}>
                        {b.label}: {b.startsOn} to {b.endsOn}
                      </div>
                    ))
                  : "None now or to come"}
              </dd>
            </div>
          </>
        ) : null}
        <div>
          <dt>Jurisdictions</dt>
          <dd>
            {o.jurisdictions
              .map((j) => JURISDICTIONS[j as keyof typeof JURISDICTIONS] ?? j)
              .join(", ")}
          </dd>
        </div>
      </dl>
      {loaderData.canEdit ? (
        <p>
          <Link to={`/organisations/${o.id}/edit`}>Change the project's details</Link>
        </p>
      ) : null}
      {loaderData.canEdit && o.status !== "closed" ? (
        <p>
          <Link to={`/organisations/${o.id}/term-breaks`}>Add or remove term breaks</Link>
        </p>
      ) : null}
      {loaderData.canHandOverYear ? (
        <p>
          <Link to={`/organisations/${o.id}/year-end`}>
            End of the academic year: hand the cases over to the next team
          </Link>
        </p>
      ) : null}
      {loaderData.canHandOverYear ? (
        <p>
          <Link to={`/organisations/${o.id}/letter-templates/progress_letter`}>
            The wording of the project's progress letters to its clients
          </Link>
        </p>
      ) : null}
      {loaderData.canClose ? (
        <p>
          <Link to={`/organisations/${o.id}/close`}>Close the project</Link>
        </p>
      ) : null}
      {members ? (
        <>
          <h2>Members</h2>
          {loaderData.canManageMembers ? (
            <p>
              <Link to={`/organisations/${o.id}/members`} className="button">
                Add or change members
              </Link>
            </p>
          ) : null}
          {members.length === 0 ? (
            <p>No members yet.</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Members of {o.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Role</th>
                  <th scope="col">Access</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.membershipId}>
                    <td>{m.name}</td>
                    <td>{m.email}</td>
                    <td>{m.role}</td>
                    <td>
                      {m.active
                        ? m.endsOn
                          ? `Until ${m.endsOn}`
                          : "Active"
                        : `Ended ${m.endsOn ?? ""}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </>
  );
}
