import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";
import {
  ApplicantDetails,
  ConvictionDetails,
  fileSize,
  LinesTable,
} from "~/referrals/case-details";
import { getOffer } from "~/referrals/get-offer.server";
import { mailContextOf } from "~/referrals/mail-context.server";
import { expiryPhrase, OFFER_STATUS_LABELS } from "~/referrals/project-labels";
import { AcceptOfferSchema, DeclineOfferSchema } from "~/referrals/project-schemas";
import { acceptOffer, declineOffer } from "~/referrals/respond.server";
import { AccountDetails } from "~/referrals/ui/applicant-account";
import { today } from "~/shared/dates";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { ChoiceField, CsrfInput, ErrorSummary, TextareaField } from "~/ui/forms";
import type { Route } from "./+types/offer";

export const middleware: Route.MiddlewareFunction[] = [access(requires("respond:referral:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const view = await asViewer(context, (tx, acting) => getOffer(tx, acting, id));
  return { ...view, today: today() };
}

// The network's coordinators are e-mailed once the answer has committed.
export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    accept: intent({
      schema: AcceptOfferSchema,
      // The case pack's files are copied for the project; a refusal removes the copies again.
      run: async (_, { tx, acting, ids, args, afterCommit }) => {
        const accepted = await withDocumentStore(documentStoreOf(args.context), (store) =>
          acceptOffer(tx, acting, store, mailContextOf(args.context), ids.id),
        );
        afterCommit(accepted.deliveries);
        return accepted.caseId;
      },
      done: (caseId) => `/cases/${caseId}?accepted=1`,
    }),
    decline: intent({
      schema: DeclineOfferSchema,
      run: async ({ reason }, { tx, acting, ids, args, afterCommit }) => {
        const declined = await declineOffer(
          tx,
          acting,
          mailContextOf(args.context),
          ids.id,
          reason,
        );
        afterCommit(declined.deliveries);
      },
      done: "/offers?declined=1",
    }),
  }),
});

export default function OfferPage({ loaderData, actionData }: Route.ComponentProps) {
  const { offer, reference, details } = loaderData;
  const [acceptForm, acceptFields] = useForm({
    id: "accept-offer",
    lastResult: resultFor(actionData, "accept"),
    constraint: getZodConstraint(AcceptOfferSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptOfferSchema }),
  });
  const [declineForm, declineFields] = useForm({
    id: "decline-offer",
    lastResult: resultFor(actionData, "decline"),
    constraint: getZodConstraint(DeclineOfferSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeclineOfferSchema }),
  });
  return (
    <>
      <title>{`Offer of ${reference} – Clearname`}</title>
      <p className="caption">Offered to {offer.projectName}</p>
      <h1>Case offered: {reference}</h1>
      {offer.status !== "offered" ? (
        <div className="notice" role="status">
          <p>
            {OFFER_STATUS_LABELS[offer.status]}
            {offer.respondedOn ? ` on ${offer.respondedOn}` : ""}.
          </p>
          {offer.declineReason ? <p className="pre-line">Reason: {offer.declineReason}</p> : null}
          {offer.withdrawnReason ? (
            <p className="pre-line">Reason: {offer.withdrawnReason}</p>
          ) : null}
          {offer.caseId ? (
            <p>
              <Link to={`/cases/${offer.caseId}`}>Open the case</Link>
            </p>
          ) : (
            <p>The case's details stay with the network.</p>
          )}
        </div>
      ) : null}
      {details ? (
        <>
          <dl className="summary-list">
            <div>
              <dt>Offered on</dt>
              <dd>{offer.offeredOn}</dd>
            </div>
            <div>
              <dt>Answer by</dt>
              <dd>
                {offer.expiresOn} ({expiryPhrase(loaderData.today, offer.expiresOn)})
              </dd>
            </div>
          </dl>
          <section aria-labelledby="summary-heading">
            <h2 id="summary-heading">Case summary</h2>
            <p className="pre-line">{details.summary}</p>
          </section>
          <section aria-labelledby="applicant-heading">
            <h2 id="applicant-heading">The applicant</h2>
            <ApplicantDetails applicant={details.applicant} />
          </section>
          <section aria-labelledby="conviction-heading">
            <h2 id="conviction-heading">The conviction</h2>
            <ConvictionDetails conviction={details.conviction} />
          </section>
          <section aria-labelledby="account-heading">
            <h2 id="account-heading">The applicant's own account</h2>
            <AccountDetails account={details.account} />
          </section>
          <section aria-labelledby="lines-heading">
            <h2 id="lines-heading">Lines of investigation</h2>
            <LinesTable
              lines={details.lines}
              caption="Lines of investigation the network identified"
            />
          </section>
          <section aria-labelledby="pack-heading">
            <h2 id="pack-heading">Case pack</h2>
            {details.documents.length === 0 ? (
              <p>The network sent no documents with this offer.</p>
            ) : (
              <>
                <p className="hint">
                  You can read these while the offer is open. If your project accepts, its case file
                  keeps copies of them.
                </p>
                <ul className="plain-list">
                  {details.documents.map((d) => (
                    <li key={d.id}>
                      <a href={`/offers/${offer.id}/documents/${d.id}`} download>
                        {d.filename}
                      </a>{" "}
                      <span className="hint">({fileSize(d.byteSize)})</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          {offer.answerable ? (
            <section aria-labelledby="answer-heading" className="narrow offer-answer">
              <h2 id="answer-heading">Your answer</h2>
              <h3>Accept the case</h3>
              <p>
                Your project's case is made from this offer: the applicant, the conviction, the
                lines of investigation and copies of the case pack. The applicant is sent a letter
                saying your project took the case.
              </p>
              <ErrorSummary form={acceptForm} fields={{ confirm: acceptFields.confirm }} />
              <Form method="post" {...getFormProps(acceptForm)}>
                <CsrfInput />
                <input type="hidden" name="intent" value="accept" />
                <ChoiceField
                  field={acceptFields.confirm}
                  label="Confirm"
                  type="checkbox"
                  options={[
                    { value: "yes", label: `${offer.projectName} takes on the case ${reference}` },
                  ]}
                />
                <button type="submit" className="button">
                  Accept the case
                </button>
              </Form>
              <h3>Decline the case</h3>
              <p>
                The network offers it to another project. Your reason is kept with the referral.
              </p>
              <ErrorSummary form={declineForm} fields={{ reason: declineFields.reason }} />
              <Form method="post" {...getFormProps(declineForm)}>
                <CsrfInput />
                <input type="hidden" name="intent" value="decline" />
                <TextareaField
                  field={declineFields.reason}
                  label="Why your project declines it"
                  hint="For example: no capacity this term, or outside the project's expertise."
                  rows={4}
                />
                <button type="submit" className="button button-secondary">
                  Decline the case
                </button>
              </Form>
            </section>
          ) : (
            <div className="notice notice-warning" role="status">
              <p>
                This offer expired on {offer.expiresOn}. It can no longer be answered: it goes back
                to the network, which may offer the case again.
              </p>
            </div>
          )}
        </>
      ) : null}
      <p>
        <Link to="/offers">Back to offers</Link>
      </p>
    </>
  );
}
