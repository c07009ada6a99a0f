import type { ReactNode } from "react";
import {
  COURT_TYPE_LABELS,
  JURISDICTION_LABELS,
  labelOf,
  OFFENCE_TYPES,
  PLEA_LABELS,
  PRIORITY_LABELS,
} from "~/eligibility/ui/labels";
import { MultiLine } from "~/intake/entry/application-parts";
import { LINE_STATUS_LABELS } from "./project-labels";

/**
 * The parts of a case a project reads, the same on the offer (before acceptance) and on the
 * project's case file (after): the applicant, the conviction and the lines of investigation.
 */

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Value({ text }: { text: string | null | undefined }) {
  return text ? <MultiLine text={text} /> : <span className="hint">Not recorded</span>;
}

export interface ApplicantFacts {
  fullName: string;
  aliases: string[];
  dateOfBirth: string | null;
  prisonerNumber: string | null;
  /** A number not in the England and Wales pattern (a Scottish or Northern Irish one), as written. */
  otherPrisonerNumber?: string | null;
  establishment: string | null;
}

export function ApplicantDetails({ applicant: a }: { applicant: ApplicantFacts }) {
  return (
    <dl className="summary-list">
      <Row label="Name">{a.fullName}</Row>
      {a.aliases.length > 0 ? <Row label="Also known as">{a.aliases.join(", ")}</Row> : null}
      <Row label="Date of birth">
        <Value text={a.dateOfBirth} />
      </Row>
      <Row label="Prisoner number">
        <Value text={[a.prisonerNumber, a.otherPrisonerNumber].filter(Boolean).join(", ")} />
      </Row>
      <Row label="Establishment">
        <Value text={a.establishment} />
      </Row>
    </dl>
  );
}

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);

export function ConvictionDetails({ conviction: c }: { conviction: Record<string, unknown> }) {
  const courtType = text(c.courtType);
  return (
    <dl className="summary-list">
      <Row label="Offences">
        <Value text={text(c.offences)} />
      </Row>
      {text(c.offenceType) ? (
        <Row label="Offence type">{labelOf(OFFENCE_TYPES, text(c.offenceType))}</Row>
      ) : null}
      <Row label="Court">
        <Value
          text={[courtType ? labelOf(COURT_TYPE_LABELS, courtType) : null, text(c.courtName)]
            .filter(Boolean)
            .join(": ")}
        />
      </Row>
      <Row label="Jurisdiction">
        <Value text={labelOf(JURISDICTION_LABELS, text(c.jurisdiction))} />
      </Row>
      <Row label="Offence date">
        <Value text={text(c.offenceDate)} />
      </Row>
      <Row label="Conviction date">
        <Value text={text(c.convictionDate)} />
      </Row>
      <Row label="Sentence date">
        <Value text={text(c.sentenceDate)} />
      </Row>
      {text(c.plea) ? <Row label="Plea">{labelOf(PLEA_LABELS, text(c.plea))}</Row> : null}
      {text(c.sentence) ? (
        <Row label="Sentence">
          <Value text={text(c.sentence)} />
        </Row>
      ) : null}
      {text(c.coDefendants) ? (
        <Row label="Co-defendants">
          <Value text={text(c.coDefendants)} />
        </Row>
      ) : null}
    </dl>
  );
}

export interface LineFacts {
  categoryLabel: string;
  description: string;
  rationale: string;
  priority: keyof typeof PRIORITY_LABELS;
  status?: keyof typeof LINE_STATUS_LABELS;
}

export function LinesTable({ lines, caption }: { lines: readonly LineFacts[]; caption: string }) {
  if (lines.length === 0) return <p>No lines of investigation were identified.</p>;
  const withStatus = lines.some((l) => l.status);
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Line of investigation</th>
            <th scope="col">Category</th>
            <th scope="col">Priority</th>
            {withStatus ? <th scope="col">Status</th> : null}
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are shown in their order
            <tr key={i}>
              <td>
                <MultiLine text={l.description} />
                {l.rationale ? (
                  <>
                    <br />
                    <span className="hint">Why: {l.rationale}</span>
                  </>
                ) : null}
              </td>
              <td>{l.categoryLabel}</td>
              <td>{PRIORITY_LABELS[l.priority]}</td>
              {withStatus ? <td>{l.status ? LINE_STATUS_LABELS[l.status] : ""}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "12 KB", "1.4 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
