import { createContext, Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { APPLICATION_CHANNELS } from "~/db/schema/intake";
import { AcknowledgeBatchSchema } from "~/letters/batch-schema";
import { acknowledgeBatch } from "~/letters/file-letter.server";
import { fileResponse, withLetterStore } from "~/letters/letter-store.server";
import { listAwaitingAcknowledgement } from "~/letters/list-letters.server";
import { longDate } from "~/letters/merge";
import { today } from "~/shared/dates";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { SelectRowCell } from "~/shared/select-rows";
import { type FormDone, formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput } from "~/ui/forms";
import type { Route } from "./+types/applications.acknowledge";

/** The batch's letters, made by the action, for the middleware to send instead of the page. */
const batchPdf = createContext<{ filename: string; bytes: Buffer } | null>(null);

/**
 * The answer to the batch form is a file, which an action cannot return in a page route:
 * the action leaves the PDF here and this sends it in place of the page. A request made by
 * React Router's own fetch (a <Form> without reloadDocument) cannot take a file, so it gets
 * the page's answer instead, which says the letters were filed.
 */
const sendBatchPdf: Route.MiddlewareFunction = async ({ context }, next) => {
  const response = (await next()) as Response;
  const pdf = context.get(batchPdf);
  if (!pdf || response.headers.has("X-Remix-Response")) return response;
  return fileResponse(pdf.bytes, { filename: pdf.filename, mediaType: "application/pdf" });
};

export const middleware: Route.MiddlewareFunction[] = [
  access(requires("manage:application:any")),
  sendBatchPdf,
];

/** What a batch did, shown in place when its letters are not sent back as a file. */
interface BatchOutcome {
  acknowledged: string[];
  skipped: { id: string; reference: string; reason: string }[];
}

const CHANNEL_LABELS: Record<(typeof APPLICATION_CHANNELS)[number], string> = {
  post: "Post",
  online: "Online",
  representative: "Representative",
  email: "E-mail",
  import: "Import",
};

export async function loader({ request, context }: Route.LoaderArgs) {
  const searchParams = normaliseSearchParams(new URL(request.url).searchParams);
  const q = (searchParams.get("q") ?? "").trim().slice(0, 100);
  const asked = searchParams.get("channel");
  const channel = APPLICATION_CHANNELS.find((c) => c === asked);
  return asViewer(context, async (tx) => ({
    waiting: await listAwaitingAcknowledgement(tx, { q, channel }),
    q,
    channel: channel ?? "",
    today: today(),
  }));
}

export const action = formAction({
  intents: (intent) => ({
    acknowledge: intent({
      schema: AcknowledgeBatchSchema,
      run: async ({ ids }, { tx, acting, args }) => {
        const result = await withLetterStore(args.context, (store) =>
          acknowledgeBatch(tx, acting, store, ids),
        );
        if (result.pdf) {
          args.context.set(batchPdf, {
            filename: `acknowledgement-letters-${today()}.pdf`,
            bytes: result.pdf,
          });
        }
        return { acknowledged: result.acknowledged, skipped: result.skipped };
      },
    }),
  }),
});

export default function Acknowledge({ loaderData, actionData }: Route.ComponentProps) {
  const outcome = (actionData as FormDone<BatchOutcome> | undefined)?.value;
  const failed = resultFor(actionData, "acknowledge")?.error;
  const error = failed ? Object.values(failed).flat()[0] : null;
  return (
    <>
      <title>Acknowledge applications – Clearname</title>
      <p>
        <Link to="/applications">Back to applications</Link>
      </p>
      <h1>Acknowledge applications</h1>
      <p>
        Choose the applications to acknowledge. Each one gets its acknowledgement letter, filed on
        the application, and moves from Received to Acknowledged. The letters come back as one PDF
        to print, each starting on a new page, addressed to the prison where the applicant is held.
        Any that cannot be acknowledged are listed on the last page, which is not to be posted.
      </p>
      {error ? (
        <div className="error-summary" role="alert">
          <h2>There is a problem</h2>
          <p>{error}</p>
        </div>
      ) : null}
      {outcome ? (
        <div
          className={`notice${outcome.acknowledged.length ? "" : " notice-warning"}`}
          role="status"
        >
          {outcome.acknowledged.length ? (
            <p>
              Acknowledged and filed: {outcome.acknowledged.join(", ")}. Open each application's
              letters to print them.
            </p>
          ) : (
            <p>None of the chosen applications could be acknowledged.</p>
          )}
          {outcome.skipped.length ? (
            <ul>
              {outcome.skipped.map((s) => (
                <li key={s.id}>
                  {s.reference || "An unknown application"}: {s.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <Form method="get" className="filter-bar">
        <label htmlFor="q" className="label">
          Search
        </label>
        <input
          id="q"
          name="q"
          type="search"
          className="input input-medium"
          defaultValue={loaderData.q}
          placeholder="Name, reference or prisoner number"
        />
        <label htmlFor="channel" className="label">
          Arrived by
        </label>
        <select
          id="channel"
          name="channel"
          className="select input-medium"
          defaultValue={loaderData.channel}
        >
          <option value="">Any way</option>
          {APPLICATION_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_LABELS[c]}
            </option>
          ))}
        </select>
        <button type="submit" className="button button-secondary">
          Filter
        </button>
      </Form>
      {loaderData.waiting.length === 0 ? (
        <p>
          No applications are waiting to be acknowledged
          {loaderData.q || loaderData.channel ? " that match" : ""}.
        </p>
      ) : (
        <Form method="post" reloadDocument>
          <CsrfInput />
          <input type="hidden" name="format" value="pdf" />
          <table className="table">
            <caption>
              {loaderData.waiting.length} received, not yet acknowledged (the longest waiting first)
            </caption>
            <thead>
              <tr>
                <th scope="col">Acknowledge</th>
                <th scope="col">Applicant</th>
                <th scope="col">Prisoner number</th>
                <th scope="col">Arrived by</th>
                <th scope="col">Received</th>
                <th scope="col">Due by</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.waiting.map((a) => (
                <tr key={a.id}>
                  <SelectRowCell id={a.id} reference={a.reference} showReference />
                  <td>{a.fullName}</td>
                  <td>{a.prisonerNumber ?? "—"}</td>
                  <td>{CHANNEL_LABELS[a.channel]}</td>
                  <td>{longDate(a.receivedOn)}</td>
                  <td>
                    {longDate(a.acknowledgementDueOn)}
                    {a.acknowledgementDueOn < loaderData.today ? (
                      <>
                        {" "}
                        <span className="tag tag-closed">Overdue</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit" className="button">
            Acknowledge and print the letters (PDF)
          </button>
          <p className="hint">
            The PDF downloads; this page stays as it was. Reload it to see what is still waiting.
          </p>
        </Form>
      )}
    </>
  );
}
