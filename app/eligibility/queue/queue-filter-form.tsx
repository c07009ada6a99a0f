import { Form, Link } from "react-router";
import { JURISDICTION_LABELS, OFFENCE_TYPES } from "../schemas";
import {
  type AssessmentQueueFilters,
  QUEUE_STATUS_LABELS,
  type QueueParamError,
} from "./queue-params";

interface Option {
  value: string;
  label: string;
}

function Select({
  name,
  label,
  value,
  options,
  any,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: Option[];
  any: string;
}) {
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`} className="label">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} className="select" defaultValue={value ?? ""}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The assessment queue's filters: a GET form, so it works without JavaScript. */
export function AssessmentQueueFilterForm({
  filters,
  rawOlderThan,
  errors,
  assessors,
}: {
  filters: AssessmentQueueFilters;
  /** The age as typed, so a wrong one is shown back to be corrected. */
  rawOlderThan: string;
  errors: QueueParamError[];
  assessors: Option[];
}) {
  const ageError = errors.find((e) => e.field === "olderThan")?.message;
  return (
    <Form method="get" className="queue-filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading">Filter the queue</h2>
      {errors.length > 0 ? (
        <div className="error-summary" role="alert" aria-labelledby="filters-error-title">
          <h2 id="filters-error-title">There is a problem</h2>
          <ul>
            {errors.map((e) => (
              <li key={e.field}>
                <a href={`#filter-${e.field}`}>{e.message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="filter-bar">
        <Select
          name="status"
          label="Status"
          value={filters.status}
          any="Any status"
          options={Object.entries(QUEUE_STATUS_LABELS).map(([value, label]) => ({
            value,
            label,
          }))}
        />
        <Select
          name="assignee"
          label="Assessor"
          value={filters.assignee}
          any="Anyone or nobody"
          options={[{ value: "none", label: "Nobody yet" }, ...assessors]}
        />
        <Select
          name="jurisdiction"
          label="Jurisdiction"
          value={filters.jurisdiction}
          any="Any jurisdiction"
          options={Object.entries(JURISDICTION_LABELS).map(([value, label]) => ({
            value,
            label,
          }))}
        />
        <Select
          name="offenceType"
          label="Offence type"
          value={filters.offenceType}
          any="Any offence type"
          options={Object.entries(OFFENCE_TYPES).map(([value, label]) => ({ value, label }))}
        />
        <div className={`field${ageError ? " field-error" : ""}`}>
          <label htmlFor="filter-olderThan" className="label">
            Received more than
          </label>
          <p id="filter-olderThan-hint" className="hint">
            Days ago, for example 90
          </p>
          {ageError ? (
            <p id="filter-olderThan-error" className="error-message">
              <span className="visually-hidden">Error: </span>
              {ageError}
            </p>
          ) : null}
          <input
            id="filter-olderThan"
            name="olderThan"
            type="text"
            inputMode="numeric"
            className="input input-short"
            defaultValue={rawOlderThan}
            aria-invalid={ageError ? true : undefined}
            aria-describedby={`filter-olderThan-hint${ageError ? " filter-olderThan-error" : ""}`}
          />
        </div>
      </div>
      <div className="field choices">
        <div className="choice">
          <input
            id="filter-urgent"
            name="urgent"
            type="checkbox"
            value="1"
            defaultChecked={filters.urgent}
          />
          <label htmlFor="filter-urgent">Only urgent (appeal window open)</label>
        </div>
        <div className="choice">
          <input
            id="filter-review"
            name="review"
            type="checkbox"
            value="1"
            defaultChecked={filters.reviewNeeded}
          />
          <label htmlFor="filter-review">Only those waiting for a second reviewer</label>
        </div>
      </div>
      <div className="filter-bar">
        <button type="submit" className="button">
          Apply filters
        </button>
        <Link to="/assessments">Clear filters</Link>
      </div>
    </Form>
  );
}
