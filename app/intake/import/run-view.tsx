import { useEffect } from "react";
import { Form, Link, useRevalidator } from "react-router";
import { CsrfInput } from "~/ui/forms";
import type { ImportRunPage } from "./run-page.server";
import { formatCount, IMPORT_MODE_LABELS, IMPORT_STATUS_LABELS, importStatusTag } from "./status";

/** While a run works its page reloads its data every two seconds (with JavaScript). */
function useRefreshWhile(running: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") void revalidator.revalidate();
    }, 2_000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
}

function Progress({ data }: { data: ImportRunPage }) {
  const { run, job } = data;
  const done = job?.rowsDone ?? 0;
  const checking = job?.phase === "checking" || run.status === "uploaded";
  return (
    <div className="notice">
      <p role="status">
        {checking
          ? `Checking the file: ${formatCount(done)} rows checked so far.`
          : `Importing: ${formatCount(done)} of ${formatCount(run.totalRows)} rows done.`}
      </p>
      <p>
        This page updates by itself. Without JavaScript,{" "}
        <Link to={`/imports/${run.id}`} reloadDocument>
          refresh it
        </Link>{" "}
        to see how far it has got. You can leave it: the work carries on.
      </p>
    </div>
  );
}

function Counts({ data }: { data: ImportRunPage }) {
  const { run } = data;
  const checked = run.status === "validated";
  const toImport = run.totalRows - run.invalidRows - run.skippedRows;
  const rows: [string, string][] = [
    ["Rows in the file", formatCount(run.totalRows)],
    checked
      ? ["Rows that will be imported", formatCount(toImport)]
      : ["Applications imported", formatCount(run.importedRows)],
    ["Rows already imported (skipped)", formatCount(run.skippedRows)],
    ["Rows with problems", formatCount(run.invalidRows)],
  ];
  return (
    <dl className="summary-list">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Problems({ data }: { data: ImportRunPage }) {
  const { run, errors, errorPages } = data;
  if (run.invalidRows === 0) return null;
  const pageLink = (page: number) => `/imports/${run.id}?page=${page}#problems`;
  return (
    <section aria-labelledby="problems">
      <h2 id="problems">Rows with problems</h2>
      <p>
        Lines are numbered as a spreadsheet numbers its rows: the header is line 1.{" "}
        {run.invalidRows > errorPages.kept
          ? `The first ${formatCount(errorPages.kept)} of ${formatCount(run.invalidRows)} are listed here. `
          : null}
        <a href={`/imports/${run.id}/errors.csv`} download>
          Download every problem as CSV
        </a>
      </p>
      <table className="table">
        <caption className="visually-hidden">
          Rows with problems, page {errorPages.page} of {errorPages.pages}
        </caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e) => (
            <tr key={e.line}>
              <td>{e.line}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {errorPages.pages > 1 ? (
        <nav aria-label="Pages of problems">
          <p>
            {errorPages.page > 1 ? (
              <Link to={pageLink(errorPages.page - 1)}>Previous page</Link>
            ) : null}{" "}
            Page {errorPages.page} of {errorPages.pages}{" "}
            {errorPages.page < errorPages.pages ? (
              <Link to={pageLink(errorPages.page + 1)}>Next page</Link>
            ) : null}
          </p>
        </nav>
      ) : null}
    </section>
  );
}

function ModeForm({ data, error }: { data: ImportRunPage; error: string | null }) {
  const { run } = data;
  const toImport = run.totalRows - run.invalidRows - run.skippedRows;
  return (
    <section aria-labelledby="import-heading" className="narrow">
      <h2 id="import-heading">{run.status === "failed" ? "Import again" : "Import"}</h2>
      {error ? (
        <div className="error-summary" role="alert">
          <h3>There is a problem</h3>
          <p>
            <a href="#mode-valid_only">{error}</a>
          </p>
        </div>
      ) : null}
      <Form method="post">
        <CsrfInput />
        <fieldset className="fieldset" id="mode">
          <legend className="label">How should rows with problems be treated?</legend>
          <div className="choices">
            <div className="choice">
              <input
                type="radio"
                name="mode"
                value="all_or_nothing"
                id="mode-all_or_nothing"
                aria-describedby="mode-all_or_nothing-hint"
              />
              <div>
                <label htmlFor="mode-all_or_nothing">{IMPORT_MODE_LABELS.all_or_nothing}</label>
                <p className="hint" id="mode-all_or_nothing-hint">
                  Import every row or none: if any row has a problem, nothing is imported.
                  {run.invalidRows > 0
                    ? ` This file has ${formatCount(run.invalidRows)} rows with problems, so nothing would be imported.`
                    : ""}
                </p>
              </div>
            </div>
            <div className="choice">
              <input
                type="radio"
                name="mode"
                value="valid_only"
                id="mode-valid_only"
                aria-describedby="mode-valid_only-hint"
              />
              <div>
                <label htmlFor="mode-valid_only">{IMPORT_MODE_LABELS.valid_only}</label>
                <p className="hint" id="mode-valid_only-hint">
                  Import the {formatCount(toImport)} rows without problems and leave the others out;
                  fix them and import the file again later (rows already in are skipped).
                </p>
              </div>
            </div>
          </div>
        </fieldset>
        <button type="submit" className="button">
          Import
        </button>
      </Form>
    </section>
  );
}

/** An import run's page: where it stands, its report, and what can be done next. */
export function ImportRunView({
  data,
  modeError,
}: {
  data: ImportRunPage;
  modeError: string | null;
}) {
  const { run, job } = data;
  const running = job !== null || run.status === "importing";
  useRefreshWhile(running);
  const canImport =
    !running && (run.status === "validated" || (run.status === "failed" && run.mode !== null));
  return (
    <>
      <p className="caption">
        Import of {run.format.toUpperCase()} uploaded {run.uploadedAt} UTC
      </p>
      <h1>{run.filename}</h1>
      <p>
        <span className={importStatusTag(run.status)}>{IMPORT_STATUS_LABELS[run.status]}</span>
        {run.mode ? ` ${IMPORT_MODE_LABELS[run.mode]}` : null}
        {run.finishedAt ? `, finished ${run.finishedAt} UTC` : null}
      </p>
      {running ? <Progress data={data} /> : null}
      {run.failure && !running ? (
        <div className="notice notice-warning" role="alert">
          <p>{run.failure}</p>
        </div>
      ) : null}
      {run.status === "done" ? (
        <div className="notice" role="status">
          <p>
            Imported {formatCount(run.importedRows)} applications.
            {run.skippedRows > 0 ? ` ${formatCount(run.skippedRows)} rows were already in.` : ""}
            {run.invalidRows > 0
              ? ` ${formatCount(run.invalidRows)} rows with problems were left out.`
              : ""}
          </p>
        </div>
      ) : null}
      {run.status === "uploaded" && !running ? (
        <div className="notice">
          <p>The file has not been checked yet.</p>
          {run.mapped ? (
            <Form method="post">
              <CsrfInput />
              <button type="submit" name="intent" value="check" className="button">
                Check the file
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {run.status !== "uploaded" ? <Counts data={data} /> : null}
      {canImport ? <ModeForm data={data} error={modeError} /> : null}
      {!running && run.status !== "done" ? (
        <p>
          <Link to={`/imports/${run.id}/mapping`}>Change which column holds what</Link>
        </p>
      ) : null}
      <Problems data={data} />
    </>
  );
}
