import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { PAPER_KINDS } from "~/db/schema/casework";
import { CsrfInput, ErrorSummary, SelectField } from "~/ui/forms";
import { PAPER_KIND_LABELS, PaperSchema } from "../paper-schemas";
import type { FormResult, Paper } from "./form-result";
import { PaperFields } from "./paper-fields";

/**
 * The inventory of the case papers: each entry with where it is and whether the project holds
 * it (toggled in one click; corrected or removed on its own page), and the form to add papers.
 */
export function InventorySection({
  closed = false,
  caseId,
  reference,
  papers,
  lastResult,
}: {
  /** A closed case: shown, not changed. */
  closed?: boolean;
  caseId: string;
  reference: string;
  papers: Paper[];
  lastResult: FormResult;
}) {
  const [form, fields] = useForm({
    id: "paper",
    lastResult,
    constraint: getZodConstraint(PaperSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PaperSchema }),
  });
  return (
    <section aria-labelledby="inventory-heading">
      <h2 id="inventory-heading">Inventory</h2>
      {papers.length === 0 ? (
        <p>No papers recorded yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Case papers of {reference}</caption>
          <thead>
            <tr>
              <th scope="col">Papers</th>
              <th scope="col">Where they are</th>
              <th scope="col">Held</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {papers.map((p) => (
              <tr key={p.id}>
                <td>
                  {PAPER_KIND_LABELS[p.kind]}
                  {p.description ? <span className="hint"> {p.description}</span> : null}
                </td>
                <td>{p.location}</td>
                <td>{p.held ? "Held" : "Not held"}</td>
                <td>
                  {closed ? null : (
                    <>
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="held" />
                        <input type="hidden" name="paperId" value={p.id} />
                        <input type="hidden" name="held" value={p.held ? "no" : "yes"} />
                        <button type="submit" className="button button-secondary">
                          {p.held ? "Mark as not held" : "Mark as held"}
                          <span className="visually-hidden"> ({PAPER_KIND_LABELS[p.kind]})</span>
                        </button>
                      </Form>
                      <Link to={`/cases/${caseId}/papers/${p.id}`}>
                        Correct or remove
                        <span className="visually-hidden">
                          {" "}
                          {PAPER_KIND_LABELS[p.kind]}
                          {p.description ? `: ${p.description}` : ""}
                        </span>
                      </Link>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {closed ? null : (
        <details className="case-action narrow" open={lastResult !== undefined}>
          <summary>Add papers to the inventory</summary>
          <ErrorSummary
            form={form}
            fields={{
              kind: fields.kind,
              description: fields.description,
              location: fields.location,
              held: fields.held,
            }}
          />
          <Form method="post" {...getFormProps(form)}>
            <CsrfInput />
            <input type="hidden" name="intent" value="paper" />
            <SelectField
              field={fields.kind}
              label="Kind of papers"
              options={PAPER_KINDS.map((k) => ({ value: k, label: PAPER_KIND_LABELS[k] }))}
            />
            <PaperFields fields={fields} />
            <button type="submit" className="button">
              Add the papers
            </button>
          </Form>
        </details>
      )}
    </section>
  );
}
