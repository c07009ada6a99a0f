import { Form, Link } from "react-router";
import { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { can } from "~/access/viewer";
import { STATE_LABELS } from "~/intake/transitions";
import { generateAcknowledgement } from "~/letters/file-letter.server";
import { withLetterStore } from "~/letters/letter-store.server";
import { getLettersPage } from "~/letters/list-letters.server";
import { longDate } from "~/letters/merge";
import { isId } from "~/shared/ids";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput } from "~/ui/forms";
import type { Route } from "./+types/applications.$id.letters";

// Reading the page needs the view permission; making a letter is checked in the action.
export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

const GenerateSchema = z.object({
  format: z.enum(["pdf", "docx"], { error: "Choose PDF or Word" }),
});

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const url = new URL(request.url);
  const filed = normaliseSearchParams(url.searchParams).get("filed");
  return asViewer(context, async (tx, acting) => {
    const page = await getLettersPage(tx, acting, id);
    const { subject } = page;
    return {
      applicationId: subject.applicationId,
      reference: subject.reference,
      state: subject.state,
      isDraft: subject.isDraft,
      acknowledgedOn: page.acknowledgedOn,
      applicant: subject.facts.applicant,
      establishment: subject.facts.establishment
        ? { id: subject.establishmentId, name: subject.facts.establishment.name }
        : null,
      address: subject.address,
      copies: subject.copies ?? [],
      letters: page.letters.map((l) => ({ ...l, createdAt: l.createdAt.toISOString() })),
      canManage: can(acting.viewer, "manage:application:any"),
      canManageEstablishments: can(acting.viewer, "manage:establishment:any"),
      filed: isId(filed) ? filed : null,
      acknowledgedNow: url.searchParams.get("acknowledged") === "1",
    };
  });
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    generate: intent({
      schema: GenerateSchema,
      // The store removes the letter's file again if making or filing it fails; a file left
      // by a commit that fails after it is swept as an orphan.
      run: ({ format }, { tx, acting, ids, args }) =>
        withLetterStore(args.context, (store) =>
          generateAcknowledgement(tx, acting, store, ids.id, format),
        ),
      done: (letter, ids) =>
        `/applications/${ids.id}/letters?filed=${letter.documentId}&acknowledged=${letter.acknowledged ? 1 : 0}`,
    }),
  }),
});

function size(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.ceil(bytes / 1024)} KB`
    : `${(bytes / 1048576).toFixed(1)} MB`;
}

export default function Letters({ loaderData: d, actionData }: Route.ComponentProps) {
  const failed = resultFor(actionData, "generate")?.error;
  const error = failed ? Object.values(failed).flat().join(" ") : null;
  const base = `/applications/${d.applicationId}`;
  const filed = d.filed ? d.letters.find((l) => l.documentId === d.filed) : undefined;
  const english = !d.applicant.language || /^english$/i.test(d.applicant.language);
  return (
    <>
      <title>{`Letters for ${d.reference} – Clearname`}</title>
      <p>
        <Link to={base}>Back to application {d.reference}</Link>
      </p>
      <h1>Letters for {d.reference}</h1>
      {error ? (
        <div className="error-summary" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {filed ? (
        <div className="notice" role="status">
          <p>
            The letter has been filed on this application.{" "}
            <a href={`${base}/letters/${filed.documentId}`} download>
              Download {filed.filename}
            </a>
          </p>
          {d.acknowledgedNow ? <p>The application is now acknowledged.</p> : null}
        </div>
      ) : null}
      {d.canManage && d.state === "acknowledged" ? (
        <section aria-labelledby="next-heading" className="notice">
          <h2 id="next-heading">What happens next</h2>
          <p>
            {d.applicant.name} has been told that we have the application. Once we have what an
            assessor needs — the questionnaire and any papers — send it on for assessment: it joins
            the assessors' queue. If something is missing, change its state to “Awaiting
            information” with a date to chase it.
          </p>
          <Form method="post" action={`${base}/state`} className="inline-form">
            <CsrfInput />
            <input type="hidden" name="to" value="ready_for_assessment" />
            <button type="submit" className="button">
              Send it on for assessment
            </button>{" "}
            <Link to={`${base}/state`}>Change the state another way</Link>
          </Form>
        </section>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>Applicant</dt>
          <dd>
            {d.applicant.name}
            {d.applicant.prisonerNumber ? `, ${d.applicant.prisonerNumber}` : ""}
          </dd>
        </div>
        <div>
          <dt>Letters go to</dt>
          <dd>
            {d.address.lines.length ? (
              <address>
                {d.address.lines.map((line) => (
                  <span key={line}>
                    {line}
                    <br />
                  </span>
                ))}
              </address>
            ) : null}
            {!d.address.complete ? (
              <p className="notice notice-warning">
                There is no full postal address on file.{" "}
                {d.establishment && d.canManageEstablishments ? (
                  <Link to={`/admin/establishments/${d.establishment.id}`}>
                    Add {d.establishment.name}'s address
                  </Link>
                ) : (
                  "Ask an administrator to add the prison's address, or add the applicant's own."
                )}
              </p>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Copies go to</dt>
          <dd>
            {d.copies.length === 0
              ? "No one: copies go only to a representative the applicant asked us to copy, with a postal address"
              : d.copies.map((c) => `${c.name}, ${c.addressLines.join(", ")}`).join("; ")}
          </dd>
        </div>
        <div>
          <dt>Correspondence</dt>
          <dd>
            {d.applicant.legalCorrespondence
              ? "Marked “Legal Correspondence”"
              : "Not marked “Legal Correspondence”"}
            ; {d.applicant.largePrint ? "large print (16 point)" : "standard print"}
            {english ? "" : `; prefers ${d.applicant.language}`}
          </dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>
            {STATE_LABELS[d.state]}
            {d.acknowledgedOn ? `, acknowledged on ${longDate(d.acknowledgedOn)}` : ""}
          </dd>
        </div>
      </dl>
      {!english ? (
        <p className="notice notice-warning">
          Letters are written in English. {d.applicant.name} prefers {d.applicant.language}: arrange
          a translation to go with the letter.
        </p>
      ) : null}

      <h2>Acknowledgement letter</h2>
      {d.canManage && !d.isDraft ? (
        <>
          <p>
            Making the letter files it on this application and records it as a letter sent.
            {d.state === "received"
              ? " It also moves the application from Received to Acknowledged."
              : " The application is no longer Received, so its state stays as it is."}
          </p>
          <Form method="post" className="inline-form">
            <CsrfInput />
            <button type="submit" name="format" value="pdf" className="button">
              Make the letter as PDF, for post
            </button>{" "}
            <button type="submit" name="format" value="docx" className="button button-secondary">
              Make the letter as Word, to edit
            </button>
          </Form>
        </>
      ) : (
        <p>Only intake staff can make letters{d.isDraft ? ", and not for a draft" : ""}.</p>
      )}
      <p>
        <a href={`${base}/questionnaire.pdf`}>Print a blank questionnaire (PDF)</a> with this
        reference and our return address, to post to the applicant.
      </p>

      <h2>Letters filed</h2>
      {d.letters.length === 0 ? (
        <p>No letters have been sent on this application yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Letters filed on {d.reference}</caption>
          <thead>
            <tr>
              <th scope="col">Made (UTC)</th>
              <th scope="col">Letter</th>
              <th scope="col">File</th>
            </tr>
          </thead>
          <tbody>
            {d.letters.map((l) => (
              <tr key={l.documentId}>
                <td>{l.createdAt.replace("T", " ").slice(0, 16)}</td>
                <td>{l.summary ?? "Letter"}</td>
                <td>
                  <a href={`${base}/letters/${l.documentId}`} download>
                    {l.filename}
                  </a>{" "}
                  ({size(l.byteSize)})
                  {l.alsoAs ? (
                    <>
                      {"; "}
                      <a href={`${base}/letters/${l.documentId}?as=${l.alsoAs}`} download>
                        {l.alsoAs === "docx" ? "as Word, to edit" : "as PDF"}
                      </a>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
