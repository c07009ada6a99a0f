import { useEffect, useRef } from "react";
import { data, Form, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import { AppError } from "~/errors/app-error";
import { currentJob, importStore, startCheckInBackground } from "~/intake/import/background.server";
import {
  APPLICANT_FIELDS,
  APPLICATION_FIELDS,
  FIELD_GROUP_LABELS,
  QUESTIONNAIRE_FIELDS,
} from "~/intake/import/fields";
import { getImportRun, readRunPreview, saveMapping } from "~/intake/import/runs.server";
import { CsrfInput } from "~/ui/forms";
import type { Route } from "./+types/mapping";

export const middleware: Route.MiddlewareFunction[] = [access(requires("import:application:any"))];

const GROUPS = [
  { label: FIELD_GROUP_LABELS.applicant, fields: APPLICANT_FIELDS },
  { label: FIELD_GROUP_LABELS.application, fields: APPLICATION_FIELDS },
  { label: FIELD_GROUP_LABELS.questionnaire, fields: QUESTIONNAIRE_FIELDS },
];

function columnName(header: string | undefined, index: number): string {
  return header?.trim() || `Column ${index + 1} (no header)`;
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const store = importStore(context.get(servicesContext));
  return asViewer(context, async (tx, acting) => {
    const run = await getImportRun(tx, acting, params.id);
    if (run.status === "importing" || run.status === "done") throw redirect(`/imports/${run.id}`);
    const { headers, example } = await readRunPreview(store, run);
    const chosen = headers.map(() => "");
    for (const [key, column] of Object.entries(run.mapping)) chosen[Number(column)] = key;
    return {
      run: { id: run.id, filename: run.filename, format: run.format },
      columns: headers.map((h, i) => ({
        index: i,
        name: columnName(h, i),
        example: example[i] ?? "",
        field: chosen[i] ?? "",
      })),
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const services = context.get(servicesContext);
  const store = importStore(services);
  const form = await request.formData();
  const outcome = await asViewer(context, async (tx, acting) => {
    const run = await getImportRun(tx, acting, params.id);
    if (currentJob(run.id)) throw redirect(`/imports/${run.id}`);
    const { headers } = await readRunPreview(store, run);
    const names = headers.map(columnName);
    // One select a column; anything but a field's key is refused by saveMapping.
    const choices = headers.map((_, i) => String(form.get(`col-${i}`) ?? ""));
    try {
      await saveMapping(tx, acting, run, names, choices);
      return { acting, choices, problems: null };
    } catch (error) {
      if (error instanceof AppError && error.code === "INVALID")
        return {
          acting,
          choices,
          problems: error.details.problems as { column: number | null; message: string }[],
        };
      throw error;
    }
  });
  if (outcome.problems)
    return data({ problems: outcome.problems, choices: outcome.choices }, { status: 400 });
  startCheckInBackground(services, outcome.acting, params.id);
  throw redirect(`/imports/${params.id}`);
}

export default function Mapping({ loaderData, actionData }: Route.ComponentProps) {
  const { run, columns } = loaderData;
  const summary = useRef<HTMLDivElement>(null);
  const problems = actionData?.problems ?? [];
  useEffect(() => {
    if (problems.length > 0) summary.current?.focus();
  }, [problems]);
  const problemOf = (i: number) => problems.find((p) => p.column === i)?.message;
  return (
    <>
      <title>{`${problems.length ? "Error: " : ""}Match the columns – ${run.filename} – Clearname`}</title>
      <p className="caption">{run.filename}</p>
      <h1>Match the columns</h1>
      <p>
        For each column of the spreadsheet, choose what it holds. Clearname has guessed from the
        headers; check each guess. Columns left as “Do not import” are ignored. Full name and date
        received are needed. Dates may be written 2019-03-14 or 14/03/2019.
      </p>
      <p>
        Map the legacy reference if the spreadsheet has one: it identifies each row, so importing
        the file again (or a corrected copy) adds only rows that are not in yet. Without it, a row
        is recognised by everything it says.
      </p>
      {problems.length > 0 ? (
        <div
          className="error-summary"
          role="alert"
          aria-labelledby="mapping-summary-title"
          tabIndex={-1}
          ref={summary}
        >
          <h2 id="mapping-summary-title">There is a problem</h2>
          <ul>
            {problems.map((p) => (
              <li key={p.message}>
                <a href={`#col-${p.column ?? 0}`}>{p.message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" className="narrow">
        <CsrfInput />
        {columns.map((c) => {
          const i = c.index;
          const problem = problemOf(i);
          return (
            <div key={`col-${i}`} className={`field${problem ? " field-error" : ""}`}>
              <label htmlFor={`col-${i}`} className="label">
                {c.name}
              </label>
              {c.example ? (
                <p id={`col-${i}-hint`} className="hint">
                  For example: {c.example.length > 80 ? `${c.example.slice(0, 80)}…` : c.example}
                </p>
              ) : null}
              {problem ? (
                <p id={`col-${i}-error`} className="error-message">
                  <span className="visually-hidden">Error: </span>
                  {problem}
                </p>
              ) : null}
              <select
                id={`col-${i}`}
                name={`col-${i}`}
                className="select"
                defaultValue={actionData?.choices[i] ?? c.field}
                aria-invalid={problem ? true : undefined}
                aria-describedby={
                  [c.example ? `col-${i}-hint` : "", problem ? `col-${i}-error` : ""]
                    .filter(Boolean)
                    .join(" ") || undefined
                }
              >
                <option value="">Do not import</option>
                {GROUPS.map((g) => (
                  <optgroup key={g.label} label={g.label}>
                    {g.fields.map((f) => (
                      <option key={f.key} value={f.key}>
                        {f.label}
                        {f.required ? " (needed)" : ""}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
          );
        })}
        <button type="submit" className="button">
          Check the file
        </button>
      </Form>
      <p>
        <Link to={`/imports/${run.id}`}>Back to this import</Link>
      </p>
    </>
  );
}
