import { Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { listEstablishments } from "~/establishments/list-establishments.server";
import {
  ESTABLISHMENT_STATUSES,
  type EstablishmentStatusFilter,
  JURISDICTIONS,
} from "~/establishments/schemas";
import { normaliseSearchParams } from "~/shared/normalise-input";
import type { Route } from "./+types/establishments";

export const middleware: Route.MiddlewareFunction[] = [
  access(requires("manage:establishment:any")),
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const search = normaliseSearchParams(new URL(request.url).searchParams);
  const q = (search.get("q") ?? "").trim().slice(0, 100);
  const requested = search.get("status");
  const status: EstablishmentStatusFilter = ESTABLISHMENT_STATUSES.includes(
    requested as EstablishmentStatusFilter,
  )
    ? (requested as EstablishmentStatusFilter)
    : "open";
  const noAddress = search.get("noAddress") === "1";
  const result = await asViewer(context, (tx) => listEstablishments(tx, { q, status, noAddress }));
  return { ...result, q, status, noAddress };
}

const STATUS_LABELS: Record<EstablishmentStatusFilter, string> = {
  open: "Open",
  closed: "Closed",
  all: "Open and closed",
};

export default function Establishments({ loaderData: d }: Route.ComponentProps) {
  return (
    <>
      <title>Establishments – Clearname</title>
      <h1>Prison establishments</h1>
      <p>
        Letters are addressed from this list. {d.counts.open} open and {d.counts.closed} closed
        establishments;{" "}
        {d.counts.noAddress > 0 ? (
          <Link to="?status=all&noAddress=1">
            {d.counts.noAddress} with no postal address on file
          </Link>
        ) : (
          "every one has a postal address"
        )}
        .
      </p>
      <p>
        <Link to="/admin/establishments/new" className="button">
          Add an establishment
        </Link>{" "}
        <Link to="/admin/settings">Network settings</Link>
      </p>
      <Form method="get" className="filter-bar">
        <label htmlFor="q" className="label">
          Search
        </label>
        <input
          id="q"
          name="q"
          type="search"
          className="input input-medium"
          defaultValue={d.q}
          placeholder="Name, code or postcode"
        />
        <label htmlFor="status" className="label">
          Status
        </label>
        <select id="status" name="status" className="select input-medium" defaultValue={d.status}>
          {ESTABLISHMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <div className="choice">
          <input
            type="checkbox"
            id="noAddress"
            name="noAddress"
            value="1"
            defaultChecked={d.noAddress}
          />
          <label htmlFor="noAddress">No address on file</label>
        </div>
        <button type="submit" className="button button-secondary">
          Filter
        </button>
      </Form>
      <table className="table">
        <caption>
          {d.rows.length} {d.rows.length === 1 ? "establishment" : "establishments"}
          {d.q ? ` matching “${d.q}”` : ""} ({STATUS_LABELS[d.status].toLowerCase()}
          {d.noAddress ? ", no address on file" : ""})
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Code</th>
            <th scope="col">Postal address</th>
            <th scope="col">Jurisdiction</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {d.rows.map((e) => (
            <tr key={e.id}>
              <td>
                <Link to={`/admin/establishments/${e.id}`}>{e.name}</Link>
              </td>
              <td>{e.code ?? "—"}</td>
              <td>
                {e.addressLines.length && e.postcode ? (
                  [...e.addressLines, e.postcode].join(", ")
                ) : (
                  <span className="tag tag-paused">No address on file</span>
                )}
              </td>
              <td>{JURISDICTIONS[e.jurisdiction]}</td>
              <td>
                {e.closedOn ? (
                  <span className="tag tag-closed">Closed {e.closedOn}</span>
                ) : (
                  <span className="tag tag-active">Open</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Contains public sector information licensed under the Open Government Licence v3.0.
      </p>
    </>
  );
}
