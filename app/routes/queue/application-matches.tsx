import { data, Link, redirect, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { can } from "~/access/viewer";
import { AppError } from "~/errors/app-error";
import { linkApplications, unlinkApplications } from "~/intake/duplicates/link-applications.server";
import { listApplicationMatches } from "~/intake/duplicates/list-matches.server";
import { ApplicationsTable, LinksTable, MatchCard } from "~/intake/duplicates/match-parts";
import { mergeWithApplicant } from "~/intake/duplicates/merge-applicants.server";
import { MatchActionSchema } from "~/intake/duplicates/schemas";
import { isUuid } from "~/intake/queue/queue-params";
import type { Route } from "./+types/application-matches";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

const DONE_KEY = { link: "linked", unlink: "unlinked", merge: "merged" } as const;
const DONE: Record<string, string> = {
  linked: "Applications linked.",
  unlinked: "Link removed.",
  merged: "Records merged.",
};

export async function loader({ params, context }: Route.LoaderArgs) {
  if (!isUuid(params.id)) throw data({ message: "We could not find that application." }, 404);
  return asViewer(context, async (tx, acting) => ({
    ...(await listApplicationMatches(tx, acting, params.id)),
    canManage: can(acting.viewer, "manage:application:any"),
  }));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  if (!isUuid(params.id)) throw data({ message: "We could not find that application." }, 404);
  const parsed = MatchActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data({ error: parsed.error.issues[0]?.message ?? "Check the form" }, { status: 400 });
  const v = parsed.data;
  const error = await asViewer(context, async (tx, acting) => {
    try {
      if (v.intent === "link") {
        await linkApplications(tx, acting, {
          applicationId: params.id,
          linkedApplicationId: v.linkedApplicationId,
          kind: v.kind,
        });
      } else if (v.intent === "unlink") {
        await unlinkApplications(tx, acting, { applicationId: params.id, linkId: v.linkId });
      } else {
        await mergeWithApplicant(tx, acting, {
          applicationId: params.id,
          otherApplicantId: v.otherApplicantId,
          keep: v.keep,
        });
      }
      return null;
    } catch (e) {
      if (e instanceof AppError && (e.code === "INVALID" || e.code === "CONFLICT"))
        return e.message;
      throw e;
    }
  });
  if (error) return data({ error }, { status: 400 });
  throw redirect(`/applications/${params.id}/matches?done=${DONE_KEY[v.intent]}`);
}

export default function ApplicationMatches({ loaderData, actionData }: Route.ComponentProps) {
  const { application: app, own, matches, links, canManage } = loaderData;
  const [searchParams] = useSearchParams();
  const done = DONE[searchParams.get("done") ?? ""];
  const linked = new Set(links.map((l) => l.other.id));
  const earlierOwn = own.filter((o) => o.earlier);
  return (
    <>
      <title>{`Likely matches for ${app.reference} – Clearname`}</title>
      {done && !actionData ? (
        <div className="notice" role="status">
          <p>{done}</p>
        </div>
      ) : null}
      {actionData?.error ? (
        <div className="error-summary" role="alert" aria-labelledby="match-error-title">
          <h2 id="match-error-title">There is a problem</h2>
          <p>{actionData.error}</p>
        </div>
      ) : null}
      <p className="caption">
        <Link to={`/applications/${app.id}`}>{app.reference}</Link> · {app.applicantName}
      </p>
      <h1>Re-applications, duplicates and co-defendants</h1>
      <dl className="summary-list">
        <div>
          <dt>Applicant</dt>
          <dd>
            <Link to={`/applicants/${app.applicantId}`}>{app.applicantName}</Link>
          </dd>
        </div>
        <div>
          <dt>Other names</dt>
          <dd>{app.aliases.length > 0 ? app.aliases.join(", ") : "—"}</dd>
        </div>
        <div>
          <dt>Date of birth</dt>
          <dd>{app.dateOfBirth ?? "—"}</dd>
        </div>
        <div>
          <dt>Prisoner number</dt>
          <dd>{app.prisonerNumber ?? "—"}</dd>
        </div>
        <div>
          <dt>Received</dt>
          <dd>{app.receivedOn}</dd>
        </div>
      </dl>

      <h2>Links</h2>
      <LinksTable links={links} canManage={canManage} />

      {own.length > 0 ? (
        <>
          <h2>Other applications by {app.applicantName}</h2>
          {earlierOwn.length > 0 ? <p>This is a re-application: they applied before.</p> : null}
          <ApplicationsTable
            applications={own}
            linked={linked}
            canManage={canManage}
            caption={`Other applications by ${app.applicantName}`}
            coDefendant={false}
          />
        </>
      ) : null}

      <h2>Likely matches</h2>
      {matches.length === 0 ? (
        <p>
          No one else on file has a similar name, the same date of birth or prisoner number, or the
          same court and conviction date.
        </p>
      ) : (
        <>
          <p>
            People with a similar name (other names included), the same date of birth or prisoner
            number, or convicted at the same court on the same day.
          </p>
          {matches.map((m) => (
            <MatchCard
              key={m.applicantId}
              match={m}
              thisName={app.applicantName}
              linked={linked}
              canManage={canManage}
            />
          ))}
        </>
      )}
    </>
  );
}
