import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Link, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { can } from "~/access/viewer";
import { servicesContext } from "~/context.server";
import { PRIORITY_LABELS } from "~/eligibility/schemas";
import { AppError, notFound } from "~/errors/app-error";
import { MultiLine } from "~/intake/entry/application-parts";
import { STATE_LABELS } from "~/intake/transitions";
import { lockCase, withdrawReferral } from "~/referrals/case-returns.server";
import { getReferralCase, loadOfferChoices } from "~/referrals/get-referral-case.server";
import { lockOffer, makeOffer, withdrawOffer } from "~/referrals/offers.server";
import { loadReferralCase } from "~/referrals/referral-case.server";
import { offerSchema, WithdrawOfferSchema, WithdrawReferralSchema } from "~/referrals/schemas";
import { OfferForm } from "~/referrals/ui/offer-form";
import { OfferHistory, ProjectCases } from "~/referrals/ui/referral-history";
import { SuggestedProjects } from "~/referrals/ui/suggested-projects";
import { WithdrawForm } from "~/referrals/ui/withdraw-form";
import type { Route } from "./+types/case";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, async (tx, acting) => ({
    ...(await getReferralCase(tx, acting, params.applicationId)),
    canRefer: can(acting.viewer, "refer:application:any"),
  }));
}

type Intent = "offer" | "withdraw-offer" | "withdraw-referral";
type Deliveries = (() => Promise<void>)[];
type Outcome =
  | { deliveries: Deliveries; result?: undefined }
  | { deliveries?: undefined; result: SubmissionResult<string[]> };

/** A second offer made at the same moment by someone else: the open-offer index refuses it. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "23505" || e?.cause?.code === "23505";
}

const refusedHere = (error: unknown): error is AppError =>
  error instanceof AppError && (error.code === "INVALID" || error.code === "CONFLICT");

export async function action({ request, params, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  const { mailer, config } = context.get(servicesContext);
  const ctx = { mailer, publicUrl: config.publicUrl };
  const applicationId = params.applicationId;
  const reply = (i: Intent, result: SubmissionResult<string[]>) =>
    data({ intent: i, result }, { status: 400 });

  if (intent === "offer") {
    let outcome: Outcome;
    try {
      outcome = await asViewer(context, async (tx, acting): Promise<Outcome> => {
        // The choices are worked out again here, from the database as it is now.
        const c = await loadReferralCase(tx, applicationId);
        const { suggestions, choices } = await loadOfferChoices(tx, c);
        const submission = parseWithZod(formData, { schema: offerSchema(choices) });
        if (submission.status !== "success") return { result: submission.reply() };
        const v = submission.value;
        const chosen = suggestions.find((s) => s.project.id === v.projectId);
        try {
          const made = await makeOffer(tx, acting, ctx, {
            applicationId,
            projectId: v.projectId,
            summary: v.summary,
            documentIds: v.documentIds,
            expiresOn: v.expiresOn,
            matchReasons: chosen
              ? [
                  ...chosen.reasons,
                  ...(chosen.suitable ? [] : [`Offered anyway: ${chosen.against.join("; ")}`]),
                ]
              : [],
          });
          return { deliveries: made.deliveries };
        } catch (error) {
          // makeOffer refuses before it writes anything, so nothing is left half-done.
          if (!refusedHere(error)) throw error;
          const field = typeof error.details.field === "string" ? error.details.field : null;
          return {
            result: submission.reply(
              field
                ? { fieldErrors: { [field]: [error.message] } }
                : { formErrors: [error.message] },
            ),
          };
        }
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Checked already: only the message is needed, with what was typed kept.
      const submission = parseWithZod(formData, { schema: z.object({}) });
      outcome = {
        result: submission.reply({
          formErrors: ["Someone offered this case to a project a moment ago: see the offer below."],
        }),
      };
    }
    if (outcome.result) return reply("offer", outcome.result);
    for (const deliver of outcome.deliveries) await deliver();
    throw redirect(`/referrals/${applicationId}?done=offered`);
  }

  if (intent === "withdraw-offer") {
    const submission = parseWithZod(formData, { schema: WithdrawOfferSchema });
    if (submission.status !== "success") return reply(intent, submission.reply());
    const { offerId, reason } = submission.value;
    const outcome = await asViewer(context, async (tx, acting): Promise<Outcome> => {
      const offer = await lockOffer(tx, offerId);
      if (offer.applicationId !== applicationId) throw notFound("offer");
      try {
        return { deliveries: (await withdrawOffer(tx, acting, ctx, offerId, reason)).deliveries };
      } catch (error) {
        if (!refusedHere(error)) throw error;
        return { result: submission.reply({ formErrors: [error.message] }) };
      }
    });
    if (outcome.result) return reply(intent, outcome.result);
    for (const deliver of outcome.deliveries) await deliver();
    throw redirect(`/referrals/${applicationId}?done=offer-withdrawn`);
  }

  if (intent === "withdraw-referral") {
    const submission = parseWithZod(formData, { schema: WithdrawReferralSchema });
    if (submission.status !== "success") return reply(intent, submission.reply());
    const { caseId, reason } = submission.value;
    const outcome = await asViewer(context, async (tx, acting): Promise<Outcome> => {
      const projectCase = await lockCase(tx, caseId);
      if (projectCase.applicationId !== applicationId) throw notFound("case");
      try {
        return {
          deliveries: (await withdrawReferral(tx, acting, ctx, caseId, reason)).deliveries,
        };
      } catch (error) {
        if (!refusedHere(error)) throw error;
        return { result: submission.reply({ formErrors: [error.message] }) };
      }
    });
    if (outcome.result) return reply(intent, outcome.result);
    for (const deliver of outcome.deliveries) await deliver();
    throw redirect(`/referrals/${applicationId}?done=referral-withdrawn`);
  }

  throw data({ message: "The form was not recognised: reload the page." }, { status: 400 });
}

const NOTICES: Record<string, string> = {
  offered: "The case is offered. The project's leads have been told in Clearname and by e-mail.",
  "offer-withdrawn": "The offer is withdrawn and the project's leads have been told.",
  "referral-withdrawn":
    "The referral is withdrawn: the case is back in the referral queue and the project's leads have been told.",
};

export default function ReferralCase({ loaderData: d, actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const notice = NOTICES[searchParams.get("done") ?? ""];
  const resultFor = (i: Intent) => (actionData?.intent === i ? actionData.result : undefined);
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
          <details className="withdraw" open={actionData?.intent === "withdraw-offer"}>
            <summary>Withdraw the offer to {openOffer.projectName}</summary>
            <WithdrawForm
              intent="withdraw-offer"
              id={openOffer.id}
              lastResult={resultFor("withdraw-offer")}
            />
          </details>
        ) : null}
        {activeCase && d.canRefer ? (
          <details className="withdraw" open={actionData?.intent === "withdraw-referral"}>
            <summary>Withdraw the referral from {activeCase.projectName}</summary>
            <WithdrawForm
              intent="withdraw-referral"
              id={activeCase.id}
              lastResult={resultFor("withdraw-referral")}
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
          <OfferForm page={d} lastResult={resultFor("offer")} />
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
