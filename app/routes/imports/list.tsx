import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { recoverInterruptedImports } from "~/intake/import/background.server";
import { listImportRuns } from "~/intake/import/runs.server";
import {
  formatCount,
  IMPORT_MODE_LABELS,
  IMPORT_STATUS_LABELS,
  importStatusTag,
} from "~/intake/import/status";
import type { Route } from "./+types/list";

export const middleware: Route.MiddlewareFunction[] = [access(requires("import:application:any"))];

export async function loader({ context }: Route.LoaderArgs) {
  return asViewer(context, async (tx, acting) => {
    await recoverInterruptedImports(tx);
    const runs = await listImportRuns(tx, acting);
    return {
      runs: runs.map((r) => ({ ...r, createdAt: r.createdAt.toISOString().slice(0, 16) })),
    };
  });
}

export default function Imports({ loaderData }: Route.ComponentProps) {
  const { runs } = loaderData;
  return (
    <>
      <title>Imports – Clearname</title>
      <h1>Imports</h1>
      <p>
        Bring in applications from the spreadsheets kept before Clearname (CSV or Excel). Each file
        is checked row by row before anything is imported, and importing the same rows again adds
        nothing.
      </p>
      <p>
        <Link to="/imports/new" className="button">
          Import a spreadsheet
        </Link>
      </p>
      {runs.length === 0 ? (
        <p>Nothing has been imported yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Imports, newest first</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Uploaded (UTC)</th>
              <th scope="col">Status</th>
              <th scope="col">Rows</th>
              <th scope="col">Imported</th>
              <th scope="col">Already in</th>
              <th scope="col">With problems</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/imports/${r.id}`}>{r.filename}</Link>
                </td>
                <td>{r.createdAt.replace("T", " ")}</td>
                <td>
                  <span className={importStatusTag(r.status)}>
                    {IMPORT_STATUS_LABELS[r.status]}
                  </span>
                  {r.mode ? <span className="hint"> {IMPORT_MODE_LABELS[r.mode]}</span> : null}
                </td>
                <td>{formatCount(r.totalRows)}</td>
                <td>{formatCount(r.importedRows)}</td>
                <td>{formatCount(r.skippedRows)}</td>
                <td>{formatCount(r.invalidRows)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
