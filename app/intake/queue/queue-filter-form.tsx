import { Form, Link } from "react-router";
import { type ApplicationState, STATE_LABELS } from "../transitions";
import { CHANNEL_LABELS, type QueueFilters, type QueueParamError, SORTS } from "./queue-params";

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
  any?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`} className="label">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} className="select" defaultValue={value ?? ""}>
        {any !== undefined ? <option value="">{any}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function DateInput({
  name,
  label,
  value,
  error,
}: {
  name: string;
  label: string;
  value: string | undefined;
  error: string | undefined;
}) {
  const id = `filter-${name}`;
  return (
    <div className={`field${error ? " field-error" : ""}`}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {error ? (
        <p id={`${id}-error`} className="error-message">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type="date"
        className="input input-medium"
        defaultValue={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

/** The queue's filters: a GET form, so it works without JavaScript and the address can be shared. */
export function QueueFilterForm({
  filters,
  raw,
  errors,
  establishments,
  staff,
}: {
  filters: QueueFilters;
  /** The dates as typed, so a wrong one is shown back to be corrected. */
  raw: { receivedFrom: string; receivedTo: string };
  errors: QueueParamError[];
  establishments: Option[];
  staff: Option[];
}) {
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <Form method="get" className="queue-filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading">Find applications</h2>
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
      <div className="field">
        <label htmlFor="filter-q" className="label">
          Search
        </label>
        <p id="filter-q-hint" className="hint">
          A name (or part of one), a reference like CN-2026-00042, or a prisoner number like A1234BC
        </p>
        <input
          id="filter-q"
          name="q"
          type="search"
          className="input"
          defaultValue={filters.q ?? ""}
          aria-describedby="filter-q-hint"
          autoComplete="off"
        />
      </div>
      <div className="filter-bar">
        <Select
          name="state"
          label="State"
          value={filters.state}
          any="Any state"
          options={(Object.keys(STATE_LABELS) as ApplicationState[]).map((s) => ({
            value: s,
            label: STATE_LABELS[s],
          }))}
        />
        <Select
          name="channel"
          label="How it arrived"
          value={filters.channel}
          any="Any way"
          options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Select
          name="establishment"
          label="Establishment"
          value={filters.establishmentId}
          any="Any establishment"
          options={establishments}
        />
        <Select
          name="assignee"
          label="Assigned to"
          value={filters.assignee}
          any="Anyone or nobody"
          options={[{ value: "none", label: "Nobody" }, ...staff]}
        />
      </div>
      <div className="filter-bar">
        <DateInput
          name="receivedFrom"
          label="Received from"
          value={raw.receivedFrom}
          error={errorFor("receivedFrom")}
        />
        <DateInput
          name="receivedTo"
          label="Received to"
          value={raw.receivedTo}
          error={errorFor("receivedTo")}
        />
        <Select
          name="sort"
          label="Sort by"
          value={filters.sort}
          options={Object.entries(SORTS).map(([value, label]) => ({ value, label }))}
        />
      </div>
      <div className="field choices">
        <div className="choice">
          <input
            id="filter-overdue"
            name="overdue"
            type="checkbox"
            value="1"
            defaultChecked={filters.overdue}
          />
          <label htmlFor="filter-overdue">Only overdue for acknowledgement</label>
        </div>
        <div className="choice">
          <input
            id="filter-duplicate"
            name="duplicate"
            type="checkbox"
            value="1"
            defaultChecked={filters.likelyDuplicate}
          />
          <label htmlFor="filter-duplicate">Only those with a likely duplicate</label>
        </div>
        <div className="choice">
          <input
            id="filter-draft"
            name="draft"
            type="checkbox"
            value="1"
            defaultChecked={filters.draft}
          />
          <label htmlFor="filter-draft">Only entries not finished (scans to file)</label>
        </div>
      </div>
      <div className="filter-bar">
        <button type="submit" className="button">
          Apply filters
        </button>
        <Link to="/applications">Clear filters</Link>
      </div>
    </Form>
  );
}
