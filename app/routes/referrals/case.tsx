import { Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { can } from "~/access/viewer";
import { PRIORITY_LABELS } from "~/eligibility/schemas";
import { MultiLine } from "~/intake/entry/application-parts";
import { STATE_LABELS } from "~/intake/transitions";
import {
  offerCase,
  withdrawOfferOf,
  withdrawReferralOf,
} from "~/referrals/coordinate-referral.server";
import { getReferralCase } from "~/referrals/get-referral-case.server";
import { mailContextOf } from "~/referrals/mail-context.server";
import { offerSchema, WithdrawOfferSchema, WithdrawReferralSchema } from "~/referrals/schemas";
import { OfferForm } from "~/referrals/ui/offer-form";
import { OfferHistory, ProjectCases } from "~/referrals/ui/referral-history";
import { SuggestedProjects } from "~/referrals/ui/suggested-projects";
import { WithdrawForm } from "~/referrals/ui/withdraw-form";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import type { Route } from "./+types/case";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { applicationId } = requireIds(params, ["applicationId"]);
  return asViewer(context, async (tx, acting) => ({
    ...(await getReferralCase(tx, acting, applicationId)),
    canRefer: can(acting.viewer, "refer:application:any"),
  }));
}

// The project's leads are e-mailed once the change has committed.
export const action = formAction({
  ids: ["applicationId"],
  intents: (intent) => ({
    offer: intent({
      schema: offerSchema(),
      run: async (input, { tx, acting, ids, args, afterCommit }) => {
        const made = await offerCase(
          tx,
          acting,
          mailContextOf(args.context),
          ids.applicationId,
          input,
        );
        afterCommit(made.deliveries);
      },
      done: (_, ids) => `/referrals/${ids.applicationId}?done=offered`,
    }),
    "withdraw-offer": intent({
      schema: WithdrawOfferSchema,
      run: async (input, { tx, acting, ids, args, afterCommit }) => {
        const ctx = mailContextOf(args.context);
        const made = await withdrawOfferOf(tx, acting, ctx, ids.applicationId, input);
        afterCommit(made.deliveries);
      },
      done: (_, ids) => `/referrals/${ids.applicationId}?done=offer-withdrawn`,
    }),
    "withdraw-referral": intent({
      schema: WithdrawReferralSchema,
      run: async (input, { tx, acting, ids, args, afterCommit }) => {
        const ctx = mailContextOf(args.context);
        const made = await withdrawReferralOf(tx, acting, ctx, ids.applicationId, input);
        afterCommit(made.deliveries);
      },
      done: (_, ids) => `/referrals/${ids.applicationId}?done=referral-withdrawn`,
    }),
  }),
});

const NOTICES: Record<string, string> = {
  offered: "The case is offered. The project's leads have been told in Clearname and by e-mail.",
  "offer-withdrawn": "The offer is withdrawn and the project's leads have been told.",
  "referral-withdrawn":
    "The referral is withdrawn: the case is back in the referral queue and the project's leads have been told.",
};

export default function ReferralCase({ loaderData: d, actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const notice = NOTICES[searchParams.get("done") ?? ""];
  const openOffer = d.offers.find((o) => o.status === "offered");
  const activeCase = d.cases.find((c) => c.active);
  const canOffer =
    d.canRefer && d.application.state === "awaiting_referral" && !openOffer && !activeCase;
  return (
    <>
      <title>{`Refer ${d.application.reference} – Clearname`}</title>
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p className="caption">
        {d.application.reference} · {d.applicant.fullName}
      </p>
      <h1>Refer {d.application.reference}</h1>

      <section aria-labelledby="where-heading" className="referral-status">
        <h2 id="where-heading">Where it stands</h2>
        <p>
          {STATE_LABELS[d.application.state]}.{" "}
          {openOffer
            ? `Offered to ${openOffer.projectName} on ${openOffer.offeredOn}; the project must answer by ${openOffer.expiresOn}.`
            : activeCase
              ? `With ${activeCase.projectName} since ${activeCase.acceptedOn}.`
              : canOffer
                ? "Not offered to a project yet."
                : ""}
        </p>
        {openOffer && d.canRefer ? (
          <details
            className="withdraw"
            open={resultFor(actionData, "withdraw-offer") !== undefined}
          >
            <summary>Withdraw the offer to {openOffer.projectName}</summary>
            <WithdrawForm
              intent="withdraw-offer"
              id={openOffer.id}
              lastResult={resultFor(actionData, "withdraw-offer")}
            />
          </details>
        ) : null}
        {activeCase && d.canRefer ? (
          <details
            className="withdraw"
            open={resultFor(actionData, "withdraw-referral") !== undefined}
          >
            <summary>Withdraw the referral from {activeCase.projectName}</summary>
            <WithdrawForm
              intent="withdraw-referral"
              id={activeCase.id}
              lastResult={resultFor(actionData, "withdraw-referral")}
            />
          </details>
        ) : null}
        {canOffer ? (
          <p>
            <a href="#offer-heading">Offer it to a project</a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="decision-heading">
        <h2 id="decision-heading">The decision</h2>
        <dl className="summary-list">
          <div>
            <dt>Decided eligible</dt>
            <dd>
              {d.decision.decidedOn ?? "—"}
              {d.decision.decidedBy ? ` by ${d.decision.decidedBy}` : ""}{" "}
              <Link to={`/assessments/${d.decision.assessmentId}`}>See the assessment</Link>
            </dd>
          </div>
          <div>
            <dt>Why the applicant could be innocent</dt>
            <dd>
              <Text value={d.decision.couldBeInnocentReasons} />
            </dd>
          </div>
          <div>
            <dt>What can be investigated</dt>
            <dd>
              <Text value={d.decision.canBeInvestigatedReasons} />
            </dd>
          </div>
          <div>
            <dt>Suspected causes</dt>
            <dd>{d.decision.causes.length ? d.decision.causes.join(", ") : "None recorded"}</dd>
          </div>
          {d.decision.flags.length ? (
            <div>
              <dt>Flags</dt>
              <dd>{d.decision.flags.join("; ")}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="conviction-heading">
        <h2 id="conviction-heading">The conviction</h2>
        <dl className="summary-list">
          <div>
            <dt>Offences</dt>
            <dd>
              <Text value={d.conviction.offences} />
            </dd>
          </div>
          <div>
            <dt>Offence type</dt>
            <dd>
              <Text value={d.conviction.offenceType} />
            </dd>
          </div>
          <div>
            <dt>Court</dt>
            <dd>
              <Text value={d.conviction.court} />
            </dd>
          </div>
          <div>
            <dt>Jurisdiction</dt>
            <dd>
              <Text value={d.conviction.jurisdiction} />
            </dd>
          </div>
          <div>
            <dt>Date of conviction</dt>
            <dd>
              <Text value={d.conviction.convictionDate} />
            </dd>
          </div>
          <div>
            <dt>Sentence</dt>
            <dd>
              <Text
                value={[d.conviction.sentence, d.conviction.tariff].filter(Boolean).join("; ")}
              />
            </dd>
          </div>
          <div>
            <dt>Applicant</dt>
            <dd>
              {d.applicant.fullName}
              {d.applicant.prisonerNumber ? `, ${d.applicant.prisonerNumber}` : ""}
              {d.applicant.establishment ? `, ${d.applicant.establishment}` : ""}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">Lines of investigation</h2>
        {d.lines.length === 0 ? (
          <p>No lines of investigation were recorded.</p>
        ) : (
          <ol className="investigation-lines">
            {d.lines.map((l) => (
              <li key={l.id}>
                <p>
                  <strong>{l.categoryLabel}</strong> ({PRIORITY_LABELS[l.priority]} priority)
                </p>
                <p>
                  <MultiLine text={l.description} />
                </p>
                {l.rationale ? (
                  <p className="hint">
                    <MultiLine text={l.rationale} />
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="suggestions-heading">
        <h2 id="suggestions-heading">Suggested projects</h2>
        <p>Weighed on jurisdiction, room left, specialisms, status and term breaks. You choose.</p>
        <SuggestedProjects suggestions={d.suggestions} />
      </section>

      {canOffer ? (
        <section aria-labelledby="offer-heading" className="narrow">
          <h2 id="offer-heading">Offer the case to a project</h2>
          <OfferForm page={d} lastResult={resultFor(actionData, "offer")} />
        </section>
      ) : null}

      <section aria-labelledby="offers-heading">
        <h2 id="offers-heading">Offer history</h2>
        <OfferHistory offers={d.offers} />
      </section>

      <section aria-labelledby="cases-heading">
        <h2 id="cases-heading">The case at projects</h2>
        <ProjectCases cases={d.cases} />
      </section>

      <p>
        <Link to="/referrals">Back to the referral queue</Link>
      </p>
    </>
  );
}

function Text({ value }: { value: string | null | undefined }) {
  return value ? <MultiLine text={value} /> : <span className="hint">Not recorded</span>;
}
