import { Form, Link, useSearchParams } from "react-router";
import { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import { gatherPolicyFacts } from "~/data-protection/policy/gather-policy-facts.server";
import { listPolicyVersions } from "~/data-protection/policy/list-policy-versions.server";
import { composePolicy } from "~/data-protection/policy/policy-text";
import { publishPolicy } from "~/data-protection/policy/publish-policy.server";
import { PolicyBody } from "~/data-protection/policy/ui/policy-body";
import { readableLondonTime } from "~/shared/uk-time";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput } from "~/ui/forms";
import type { Route } from "./+types/policy";

export const middleware: Route.MiddlewareFunction[] = [access(requires("protect:data:own"))];

export async function loader({ context }: Route.LoaderArgs) {
  const { config } = context.get(servicesContext);
  return asViewer(context, async (tx, acting) => {
    const facts = await gatherPolicyFacts(tx, acting, config);
    const versions = await listPolicyVersions(tx, acting);
    return {
      draft: composePolicy(facts),
      versions: versions.map((v) => ({ ...v, published: readableLondonTime(v.publishedAt) })),
    };
  });
}

export const action = formAction({
  intents: (intent) => ({
    publish: intent({
      schema: z.object({ expected: z.coerce.number().int().min(0) }),
      run: (input, { tx, acting, args }) =>
        publishPolicy(tx, acting, input, args.context.get(servicesContext).config),
      done: (row) => `/data-protection/policy/${row.version}?published=1`,
    }),
  }),
});

export default function PolicyPage({ loaderData: d, actionData }: Route.ComponentProps) {
  const [search] = useSearchParams();
  const latest = d.versions[0]?.version ?? 0;
  const refused = resultFor(actionData, "publish")?.error?.[""]?.[0];
  return (
    <>
      <title>Appropriate policy document – Clearname</title>
      <p className="caption">
        <Link to="/data-protection">Data protection</Link>
      </p>
      <h1>Appropriate policy document</h1>
      {search.get("published") ? (
        <div className="notice" role="status">
          Published.
        </div>
      ) : null}
      <p>
        Required for processing criminal offence data under a Schedule 1 condition (DPA 2018 Sch 1
        Part 4). Below is the document as today's settings make it: the organisation, its officer,
        the retention schedule and how erasure is done. Publish it to keep it as a dated version.
      </p>
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Published versions</h2>
        {d.versions.length === 0 ? (
          <p>No version has been published yet.</p>
        ) : (
          <ul>
            {d.versions.map((v) => (
              <li key={v.version}>
                <Link to={`/data-protection/policy/${v.version}`}>Version {v.version}</Link>,
                published {v.published} by {v.publishedBy} (
                <a href={`/data-protection/policy/${v.version}/pdf`} download>
                  PDF
                </a>
                )
              </li>
            ))}
          </ul>
        )}
        {refused ? (
          <p className="error-message" role="alert">
            {refused}
          </p>
        ) : null}
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="publish" />
          <input type="hidden" name="expected" value={String(latest)} />
          <button type="submit" className="button">
            Publish this as version {latest + 1}
          </button>
        </Form>
      </section>
      <section aria-labelledby="draft-heading" className="policy-draft">
        <h2 id="draft-heading">As the settings make it today</h2>
        <PolicyBody policy={d.draft} level={3} />
      </section>
    </>
  );
}
