import type { ReactNode } from "react";
import { MultiLine } from "~/intake/entry/application-parts";
import type { AssessmentAnswers } from "../diff";
import type { AssessmentRow, LineRow, ReviewRow } from "../load-assessment.server";
import type { assessmentOptions } from "../reference-data.server";
import { ANSWER_LABELS, FLAGS, RECOMMENDATION_LABELS, STATUS_LABELS } from "../rules";
import {
  COURT_TYPE_LABELS,
  dayOf,
  JURISDICTION_LABELS,
  labelOf,
  labelsOf,
  OFFENCE_TYPES,
  PLEA_LABELS,
  PRIORITY_LABELS,
  REVIEW_BODY_LABELS,
} from "./labels";

export type AssessmentOptions = Awaited<ReturnType<typeof assessmentOptions>>;

export interface AssessmentSummaryProps {
  answers: AssessmentAnswers;
  assessment: AssessmentRow;
  reviews: ReviewRow[];
  lines: LineRow[];
  options: AssessmentOptions;
  /** Names of the people named on the assessment, by user id (assessor, reviewers, decider). */
  people?: Record<string, string>;
  /** The level of the section headings: 2 on a page of its own, 3 inside another section. */
  headingLevel?: 2 | 3;
}

function Answer({ text }: { text: string | null | undefined }) {
  return text ? <MultiLine text={text} /> : <span className="hint">Not answered</span>;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * An assessment as it stands, read-only: the conviction, the appeal history, the two
 * questions, the lines of investigation, causes and flags, the recommendation and each
 * round of review. Shown to anyone who cannot change it (and on the review and decision pages).
 */
export function AssessmentSummary({
  answers: a,
  assessment,
  reviews,
  lines,
  options,
  people = {},
  headingLevel = 2,
}: AssessmentSummaryProps) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const causes = labelsOf(options.causes);
  const reasons = labelsOf(options.reasons);
  const categories = labelsOf(options.categories);
  const person = (id: string | null) => (id ? (people[id] ?? "Someone no longer on file") : "");
  return (
    <div className="assessment-summary">
      <section aria-labelledby="summary-conviction">
        <H id="summary-conviction">The conviction</H>
        <dl className="summary-list">
          <Row label="Offences">
            <Answer text={a.offences} />
          </Row>
          <Row label="Offence type">
            <Answer text={labelOf(OFFENCE_TYPES, a.offenceType)} />
          </Row>
          <Row label="Court">
            <Answer
              text={[labelOf(COURT_TYPE_LABELS, a.courtType), a.courtName]
                .filter(Boolean)
                .join(": ")}
            />
          </Row>
          <Row label="Jurisdiction">
            <Answer text={labelOf(JURISDICTION_LABELS, a.jurisdiction)} />
          </Row>
          <Row label="Date of the offence">
            <Answer text={a.offenceDate} />
          </Row>
          <Row label="Date of conviction">
            <Answer text={a.convictionDate} />
          </Row>
          <Row label="Date of sentence">
            <Answer text={a.sentenceDate} />
          </Row>
          <Row label="Plea">
            <Answer text={labelOf(PLEA_LABELS, a.plea)} />
          </Row>
          <Row label="Sentence">
            <Answer text={a.sentence} />
          </Row>
          <Row label="Tariff or minimum term">
            <Answer text={a.tariff} />
          </Row>
          <Row label="Co-defendants">
            <Answer text={a.coDefendants} />
          </Row>
        </dl>
      </section>

      <section aria-labelledby="summary-appeals">
        <H id="summary-appeals">The appeal history</H>
        {a.appealStages.length === 0 ? (
          <p>No appeal stages recorded.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Appeal stages</caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Date</th>
                <th scope="col">Outcome</th>
                <th scope="col">Grounds</th>
              </tr>
            </thead>
            <tbody>
              {a.appealStages.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: stages have no identity but their place
                <tr key={i}>
                  <td>{s.stage}</td>
                  <td>{s.date ?? ""}</td>
                  <td>{s.outcome ?? ""}</td>
                  <td>{s.grounds ? <MultiLine text={s.grounds} /> : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {a.priorReviews.length === 0 ? (
          <p>No earlier CCRC or SCCRC applications recorded.</p>
        ) : (
          <table className="table">
            <caption>Earlier CCRC or SCCRC applications</caption>
            <thead>
              <tr>
                <th scope="col">Body</th>
                <th scope="col">Reference</th>
                <th scope="col">Applied</th>
                <th scope="col">Decision</th>
                <th scope="col">Decided</th>
              </tr>
            </thead>
            <tbody>
              {a.priorReviews.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: earlier reviews have no identity but their place
                <tr key={i}>
                  <td>{labelOf(REVIEW_BODY_LABELS, r.body)}</td>
                  <td>{r.reference ?? ""}</td>
                  <td>{r.appliedOn ?? ""}</td>
                  <td>{r.decision ? <MultiLine text={r.decision} /> : ""}</td>
                  <td>{r.decidedOn ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="summary-q1">
        <H id="summary-q1">Question 1: could the applicant be innocent?</H>
        <dl className="summary-list">
          <Row label="Claims factual innocence">
            <Answer text={labelOf(ANSWER_LABELS, a.claimsFactualInnocence)} />
          </Row>
          <Row label="Could the applicant be innocent?">
            <Answer text={labelOf(ANSWER_LABELS, a.couldBeInnocent)} />
          </Row>
          <Row label="Reasons">
            <Answer text={a.couldBeInnocentReasons} />
          </Row>
        </dl>
      </section>

      <section aria-labelledby="summary-q2">
        <H id="summary-q2">Question 2: can anything be done to find out?</H>
        <dl className="summary-list">
          <Row label="Can anything be done?">
            <Answer text={labelOf(ANSWER_LABELS, a.canBeInvestigated)} />
          </Row>
          <Row label="Reasons">
            <Answer text={a.canBeInvestigatedReasons} />
          </Row>
        </dl>
      </section>

      <section aria-labelledby="summary-lines">
        <H id="summary-lines">Lines of investigation</H>
        {lines.length === 0 ? (
          <p>No lines of investigation recorded.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Lines of investigation</caption>
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">Line of investigation</th>
                <th scope="col">Why it could settle the claim</th>
                <th scope="col">Priority</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <td>{labelOf(categories, l.category)}</td>
                  <td>
                    <MultiLine text={l.description} />
                  </td>
                  <td>{l.rationale ? <MultiLine text={l.rationale} /> : ""}</td>
                  <td>{labelOf(PRIORITY_LABELS, l.priority)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="summary-causes">
        <H id="summary-causes">Suspected causes and flags</H>
        <dl className="summary-list">
          <Row label="Suspected causes">
            {a.suspectedCauses.length === 0 ? (
              <span className="hint">None chosen</span>
            ) : (
              <ul className="plain-list">
                {a.suspectedCauses.map((c) => (
                  <li key={c}>{labelOf(causes, c)}</li>
                ))}
              </ul>
            )}
          </Row>
          <Row label="Flags">
            {a.flags.length === 0 ? (
              <span className="hint">None</span>
            ) : (
              <ul className="plain-list">
                {a.flags.map((f) => (
                  <li key={f}>{labelOf(FLAGS, f)}</li>
                ))}
              </ul>
            )}
          </Row>
        </dl>
      </section>

      <section aria-labelledby="summary-recommendation">
        <H id="summary-recommendation">The recommendation</H>
        {assessment.recommendation ? (
          <dl className="summary-list">
            <Row label="Status">{STATUS_LABELS[assessment.status]}</Row>
            <Row label="Recommendation">{RECOMMENDATION_LABELS[assessment.recommendation]}</Row>
            {assessment.ineligibleReasons.length > 0 ? (
              <Row label="Why it is ineligible">
                <ul className="plain-list">
                  {assessment.ineligibleReasons.map((r) => (
                    <li key={r}>{labelOf(reasons, r)}</li>
                  ))}
                </ul>
              </Row>
            ) : null}
            {assessment.informationRequested ? (
              <Row label="Information asked for">
                <MultiLine text={assessment.informationRequested} />
              </Row>
            ) : null}
            {assessment.chaseOn ? <Row label="Chase on">{assessment.chaseOn}</Row> : null}
            {assessment.recommendationNotes ? (
              <Row label="Notes">
                <MultiLine text={assessment.recommendationNotes} />
              </Row>
            ) : null}
            {assessment.recommendedBy ? (
              <Row label="Recommended by">
                {person(assessment.recommendedBy)}
                {assessment.recommendedAt ? ` on ${dayOf(assessment.recommendedAt)}` : ""}
              </Row>
            ) : null}
            {assessment.decidedBy ? (
              <Row label="Decision recorded by">
                {person(assessment.decidedBy)}
                {assessment.decidedAt ? ` on ${dayOf(assessment.decidedAt)}` : ""}
              </Row>
            ) : null}
          </dl>
        ) : (
          <p>
            No recommendation yet.{" "}
            <span className="hint">({STATUS_LABELS[assessment.status]})</span>
          </p>
        )}
      </section>

      {reviews.length > 0 ? (
        <section aria-labelledby="summary-reviews">
          <H id="summary-reviews">Second review</H>
          <ol className="review-rounds">
            {reviews.map((r) => (
              <li key={r.id} className="review-round">
                <p>
                  <strong>{RECOMMENDATION_LABELS[r.recommendation]}</strong> sent for review by{" "}
                  {person(r.requestedBy)} on {dayOf(r.requestedAt)}.
                </p>
                {r.outcome ? (
                  <p>
                    {r.outcome === "agreed" ? "Agreed" : "Returned"} by {person(r.reviewerId)}
                    {r.reviewedAt ? ` on ${dayOf(r.reviewedAt)}` : ""}
                    {r.comment ? ":" : "."}
                  </p>
                ) : (
                  <p className="hint">Waiting for a reviewer.</p>
                )}
                {r.comment ? (
                  <blockquote className="review-comment">
                    <MultiLine text={r.comment} />
                  </blockquote>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
