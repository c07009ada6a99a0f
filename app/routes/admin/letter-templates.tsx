import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { listLetterTemplates } from "~/letters/letter-templates.server";
import type { Route } from "./+types/letter-templates";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:settings:any"))];

export async function loader({ context }: Route.LoaderArgs) {
  const templates = await asViewer(context, (tx, acting) => listLetterTemplates(tx, acting));
  return {
    templates: templates.map((t) => ({ ...t, publishedAt: t.publishedAt?.toISOString() ?? null })),
  };
}

export default function LetterTemplates({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <title>Letter templates – Clearname</title>
      <h1>Letter templates</h1>
      <p>
        The wording of the letters Clearname makes. Editing a template and publishing it makes a new
        version: letters made from then on use it, and a letter made before is always made again
        from the version it was made from.
      </p>
      <table className="table">
        <caption className="visually-hidden">Letter templates and their current versions</caption>
        <thead>
          <tr>
            <th scope="col">Letter</th>
            <th scope="col">Current version</th>
            <th scope="col">Published</th>
          </tr>
        </thead>
        <tbody>
          {loaderData.templates.map((t) => (
            <tr key={t.key}>
              <td>
                <Link to={`/admin/letter-templates/${t.key}`}>{t.title}</Link>
              </td>
              <td>{t.version}</td>
              <td>
                {t.publishedAt
                  ? `${t.publishedAt.replace("T", " ").slice(0, 16)} UTC by ${t.publishedBy ?? "someone no longer here"}`
                  : "As installed"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
