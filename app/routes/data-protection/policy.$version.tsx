import { Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { getPolicyVersion } from "~/data-protection/policy/list-policy-versions.server";
import { PolicyBody } from "~/data-protection/policy/ui/policy-body";
import { policyVersionParam } from "~/data-protection/policy/version-param";
import { readableLondonTime } from "~/shared/uk-time";
import type { Route } from "./+types/policy.$version";

export const middleware: Route.MiddlewareFunction[] = [access(requires("protect:data:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const version = policyVersionParam(params.version);
  const row = await asViewer(context, (tx, acting) => getPolicyVersion(tx, acting, version));
  return { ...row, published: readableLondonTime(row.publishedAt) };
}

export default function PolicyVersion({ loaderData: d }: Route.ComponentProps) {
  const [search] = useSearchParams();
  return (
    <>
      <title>{`Version ${d.version} – Appropriate policy document – Clearname`}</title>
      <p className="caption">
        <Link to="/data-protection/policy">Appropriate policy document</Link>
      </p>
      {search.get("published") ? (
        <div className="notice" role="status">
          Version {d.version} is published and kept as it is now.
        </div>
      ) : null}
      <h1>{d.content.title}</h1>
      <p>
        Version {d.version}, published {d.published} by {d.publishedBy}.{" "}
        <a href={`/data-protection/policy/${d.version}/pdf`} download>
          Download as PDF
        </a>
      </p>
      <PolicyBody policy={d.content} level={2} />
    </>
  );
}
