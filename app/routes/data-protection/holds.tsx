import type { SubmissionResult } from "@conform-to/react";
import { Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { listHolds } from "~/data-protection/holds/list-holds.server";
import { placeHold } from "~/data-protection/holds/place-hold.server";
import { releaseHold } from "~/data-protection/holds/release-hold.server";
import { PlaceHoldSchema, ReleaseHoldSchema } from "~/data-protection/holds/schemas";
import { PlaceHoldForm } from "~/data-protection/holds/ui/place-hold-form";
import { ReleaseHoldForm } from "~/data-protection/holds/ui/release-hold-form";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { useFormKey } from "~/ui/forms";
import type { Route } from "./+types/holds";

/** Legal holds of the officer's own organisation: the held records, placing and releasing. */
export const middleware: Route.MiddlewareFunction[] = [access(requires("protect:data:own"))];

export async function loader({ context }: Route.LoaderArgs) {
  return asViewer(context, (tx, acting) => listHolds(tx, acting));
}

export const action = formAction({
  intents: (intent) => ({
    place: intent({
      schema: PlaceHoldSchema,
      run: (input, { tx, acting }) => placeHold(tx, acting, input),
      done: "/data-protection/holds?placed=1",
    }),
    release: intent({
      schema: ReleaseHoldSchema,
      run: (input, { tx, acting }) => releaseHold(tx, acting, input),
      done: "/data-protection/holds?released=1",
    }),
  }),
});

function resultOfHold(result: SubmissionResult<string[]> | undefined, holdId: string) {
  const posted = (result?.initialValue as { holdId?: unknown } | undefined)?.holdId;
  return posted === holdId ? result : undefined;
}

export default function Holds({ loaderData, actionData }: Route.ComponentProps) {
  const { holds } = loaderData;
  const [search] = useSearchParams();
  const standing = holds.filter((h) => h.inForce);
  const ended = holds.filter((h) => !h.inForce);
  const released = resultFor(actionData, "release");
  return (
    <>
      <title>Legal holds – Clearname</title>
      <p className="caption">
        <Link to="/data-protection">Data protection</Link>
      </p>
      <h1>Legal holds</h1>
      {search.get("placed") ? (
        <div className="notice" role="status">
          The hold is placed: no sweep or erasure will touch it.
        </div>
      ) : null}
      {search.get("released") ? (
        <div className="notice" role="status">
          The hold is released.
        </div>
      ) : null}
      <p>
        While a hold stands, no retention sweep and no erasure touches the record or anything that
        hangs off it: a hold on an applicant covers all their applications and the cases made from
        them; a hold on an application covers its cases.
      </p>
      <h2>Held records</h2>
      {standing.length === 0 ? (
        <p>No record is held.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Records under a hold</caption>
          <thead>
            <tr>
              <th scope="col">Record</th>
              <th scope="col">Why</th>
              <th scope="col">Until</th>
              <th scope="col">Placed by</th>
            </tr>
          </thead>
          <tbody>
            {standing.map((h) => (
              <tr key={h.id}>
                <td>{h.label}</td>
                <td>{h.reason}</td>
                <td>{h.until ?? "Until released"}</td>
                <td>
                  {h.placedByName} on {h.placedOn}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="place-heading" className="narrow">
        <h2 id="place-heading">Place a hold</h2>
        <PlaceHoldForm
          key={useFormKey()}
          lastResult={resultFor(actionData, "place")}
          defaultValue={{
            targetType: search.get("type") ?? undefined,
            reference: search.get("reference") ?? undefined,
          }}
        />
      </section>
      {standing.length > 0 ? (
        <section aria-labelledby="release-heading" className="narrow">
          <h2 id="release-heading">Release a hold</h2>
          {standing.map((h) => (
            <ReleaseHoldForm
              key={h.id}
              holdId={h.id}
              label={h.label}
              lastResult={resultOfHold(released, h.id)}
            />
          ))}
        </section>
      ) : null}
      {ended.length > 0 ? (
        <>
          <h2>Released and lapsed holds</h2>
          <ul>
            {ended.map((h) => (
              <li key={h.id}>
                {h.label}: {h.reason}.{" "}
                {h.releasedOn
                  ? `Released on ${h.releasedOn}: ${h.releaseReason ?? ""}`
                  : `Lapsed after ${h.until}`}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
