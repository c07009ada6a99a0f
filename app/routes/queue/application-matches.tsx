import { Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { can } from "~/access/viewer";
import { linkApplications, unlinkApplications } from "~/intake/duplicates/link-applications.server";
import { listApplicationMatches } from "~/intake/duplicates/list-matches.server";
import { ApplicationsTable, LinksTable, MatchCard } from "~/intake/duplicates/match-parts";
import { mergeWithApplicant } from "~/intake/duplicates/merge-applicants.server";
import { LinkSchema, MergeSchema, UnlinkSchema } from "~/intake/duplicates/schemas";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import type { Route } from "./+types/application-matches";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

const DONE_KEY = { link: "linked", unlink: "unlinked", merge: "merged" } as const;
const DONE: Record<string, string> = {
  linked: "Applications linked.",
  unlinked: "Link removed.",
  merged: "Records merged.",
};

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => ({
    ...(await listApplicationMatches(tx, acting, id)),
    canManage: can(acting.viewer, "manage:application:any"),
  }));
}

const doneAt = (key: keyof typeof DONE_KEY) => (_: unknown, ids: Record<"id", string>) =>
  `/applications/${ids.id}/matches?done=${DONE_KEY[key]}`;

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    link: intent({
      schema: LinkSchema,
      run: (v, { tx, acting, ids }) =>
        linkApplications(tx, acting, {
          applicationId: ids.id,
          linkedApplicationId: v.linkedApplicationId,
          kind: v.kind,
        }),
      done: doneAt("link"),
    }),
    unlink: intent({
      schema: UnlinkSchema,
      run: (v, { tx, acting, ids }) =>
        unlinkApplications(tx, acting, { applicationId: ids.id, linkId: v.linkId }),
      done: doneAt("unlink"),
    }),
    merge: intent({
      schema: MergeSchema,
      run: (v, { tx, acting, ids }) =>
        mergeWithApplicant(tx, acting, {
          applicationId: ids.id,
          otherApplicantId: v.otherApplicantId,
          keep: v.keep,
        }),
      done: doneAt("merge"),
    }),
  }),
});

/** Every message of whichever of the page's forms failed. */
function failureMessages(actionData: unknown): string[] {
  const failed = Object.keys(DONE_KEY)
    .map((intent) => resultFor(actionData, intent))
    .find(Boolean);
  return failed?.error ? Object.values(failed.error).flatMap((m) => m ?? []) : [];
}

export default function ApplicationMatches({ loaderData, actionData }: Route.ComponentProps) {
  const { application: app, own, matches, links, canManage } = loaderData;
  const [searchParams] = useSearchParams();
  const notice = DONE[searchParams.get("done") ?? ""];
  const errors = failureMessages(actionData);
  const linked = new Set(links.map((l) => l.other.id));
  const earlierOwn = own.filter((o) => o.earlier);
  return (
    <>
      <title>{`Likely matches for ${app.reference} – Clearname`}</title>
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      {errors.length > 0 ? (
        <div className="error-summary" role="alert" aria-labelledby="match-error-title">
          <h2 id="match-error-title">There is a problem</h2>
          <p>{errors.join(" ")}</p>
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
