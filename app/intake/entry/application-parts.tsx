import { Link } from "react-router";
import { AccessHistoryLink } from "~/audit/ui/access-history-link";
import { ScanReading, type ScanReadingState } from "~/documents/ocr/scan-reading";
import { courtJurisdictionNote } from "../court-jurisdiction";
import type { LikelyMatch } from "../likely-matches.server";
import { QUESTIONNAIRE_SECTIONS, type Questionnaire } from "../questionnaire";
import { CLOSED_REASONS, type ClosedReason, STATE_LABELS } from "../transitions";
import { ALL_DOCUMENT_KIND_LABELS } from "./upload-rules";

export function stateText(state: string, closedReason: string | null): string {
  const label = STATE_LABELS[state as keyof typeof STATE_LABELS] ?? state;
  return closedReason
    ? `${label}: ${CLOSED_REASONS[closedReason as ClosedReason] ?? closedReason}`
    : label;
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Text as it was written, line breaks kept (inline styles are barred by the CSP). */
export function MultiLine({ text }: { text: string }) {
  const lines = text.split(/\r?\n/);
  return (
    <>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their place
        <span key={i}>
          {line}
          {i < lines.length - 1 ? <br /> : null}
        </span>
      ))}
    </>
  );
}

/** The questionnaire as answered, section by section, with a link to change each. */
export function QuestionnaireAnswers({
  applicationId,
  questionnaire,
  canChange,
}: {
  applicationId: string;
  questionnaire: Questionnaire;
  canChange: boolean;
}) {
  return (
    <>
      {QUESTIONNAIRE_SECTIONS.map((section) => (
        <section key={section.key} aria-labelledby={`section-${section.key}`}>
          <h3 id={`section-${section.key}`}>{section.title}</h3>
          <dl className="summary-list">
            {section.questions.map((q) => {
              const answer = questionnaire[q.name];
              const label = answer && q.options?.find((o) => o.value === answer)?.label;
              return (
                <div key={q.name}>
                  <dt>{q.label}</dt>
                  <dd>
                    {label ? (
                      label
                    ) : answer ? (
                      <>
                        <MultiLine text={answer} />
                        {q.name === "court" && courtJurisdictionNote(answer) ? (
                          <span className="hint"> ({courtJurisdictionNote(answer)})</span>
                        ) : null}
                      </>
                    ) : (
                      <span className="hint">Not answered</span>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
          {canChange ? (
            <p>
              <Link to={`/applications/${applicationId}/entry/${section.key}`}>
                Change <span className="visually-hidden">{section.title.toLowerCase()}</span>
              </Link>
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}

export interface DocumentRow {
  id: string;
  kind: string;
  filename: string;
  mediaType: string;
  byteSize: number;
  createdAt: string;
  /** Where reading its text has got to; absent where the page does not show it. */
  reading?: ScanReadingState | null;
}

export function DocumentsTable({
  documents,
  caption,
}: {
  documents: DocumentRow[];
  caption: string;
}) {
  if (documents.length === 0) return <p>No documents yet.</p>;
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">What it is</th>
          <th scope="col">Size</th>
          <th scope="col">Added</th>
          <th scope="col">Text</th>
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => (
          <tr key={d.id}>
            <td>
              <a href={`/documents/${d.id}`} download>
                {d.filename}
              </a>{" "}
              <AccessHistoryLink type="document" id={d.id}>
                <span className="hint">
                  Access history<span className="visually-hidden"> of {d.filename}</span>
                </span>
              </AccessHistoryLink>
            </td>
            <td>{ALL_DOCUMENT_KIND_LABELS[d.kind] ?? d.kind}</td>
            <td>{sizeText(d.byteSize)}</td>
            <td>{d.createdAt.slice(0, 10)}</td>
            <td>
              <ScanReading state={d.reading} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface LinkRow {
  kind: string;
  direction: "to" | "from";
  applicationId: string;
  reference: string;
  state: string;
  closedReason: string | null;
}

const LINK_TEXT: Record<string, [string, string]> = {
  re_application: ["A re-application after", "Re-applied for in"],
  co_defendant: ["Co-defendant of", "Co-defendant of"],
  duplicate: ["Duplicate of", "Has a duplicate:"],
};

/** Linked applications, and people on file who may be linked but are not yet. */
export function LinksAndMatches({
  applicationId,
  links,
  matches,
}: {
  applicationId: string;
  links: LinkRow[];
  matches: LikelyMatch[];
}) {
  return (
    <>
      {links.length > 0 ? (
        <ul>
          {links.map((l) => (
            <li key={`${l.kind}-${l.applicationId}`}>
              {(LINK_TEXT[l.kind] ?? [l.kind, l.kind])[l.direction === "to" ? 0 : 1]}{" "}
              <Link to={`/applications/${l.applicationId}`}>{l.reference}</Link> (
              {stateText(l.state, l.closedReason).toLowerCase()})
            </li>
          ))}
        </ul>
      ) : (
        <p>Not linked to any other application.</p>
      )}
      {matches.length > 0 ? (
        <>
          <p>
            {matches.length === 1 ? "One person" : `${matches.length} people`} on file may be
            linked:
          </p>
          <ul>
            {matches.map((m) => (
              <li key={m.applicantId}>
                {m.fullName}
                {m.latest ? ` (${m.latest.reference})` : ""}: {m.reasons.join(", ")}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>No likely matches with other applicants.</p>
      )}
      <p>
        <Link to={`/applications/${applicationId}/matches`}>Review likely matches and links</Link>
      </p>
    </>
  );
}
