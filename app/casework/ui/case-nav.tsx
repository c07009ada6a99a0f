import { Link } from "react-router";

/**
 * The sections of a case's working file, in the order every case page shows them. `key` is the
 * path segment after `/cases/:id` ("" for the overview) and is what pages pass as `current`.
 */
export const CASE_SECTIONS = [
  { key: "overview", segment: "", label: "Overview" },
  { key: "team", segment: "team", label: "Team" },
  { key: "client", segment: "client", label: "Client" },
  { key: "tasks", segment: "tasks", label: "Tasks" },
  { key: "lines", segment: "lines", label: "Lines of investigation" },
  { key: "evidence", segment: "evidence", label: "Evidence" },
  { key: "documents", segment: "documents", label: "Documents" },
  { key: "papers", segment: "papers", label: "Papers" },
  { key: "chronology", segment: "chronology", label: "Chronology" },
  { key: "people", segment: "people", label: "People" },
  { key: "notes", segment: "notes", label: "Notes" },
  { key: "reviews", segment: "reviews", label: "Reviews" },
  { key: "time", segment: "time", label: "Time" },
  { key: "correspondence", segment: "correspondence", label: "Correspondence" },
  { key: "stages", segment: "stages", label: "Stages" },
  { key: "close", segment: "close", label: "Closing" },
  { key: "application", segment: "application", label: "Application" },
  { key: "report", segment: "report", label: "Annual report" },
  { key: "handover", segment: "handover", label: "Hand-over" },
] as const;

export function caseSectionPath(caseId: string, segment: string): string {
  return segment ? `/cases/${caseId}/${segment}` : `/cases/${caseId}`;
}

/**
 * The case's sub-navigation. `current` is a section key ("overview", "team", "lines", …) or its
 * path segment; the matching link is marked as the current page for assistive technology.
 */
export function CaseNav({
  caseId,
  current,
  reference,
  closed = false,
}: {
  caseId: string;
  current: string;
  reference: string;
  /** A closed case: the page says so under the navigation, and shows no forms. */
  closed?: boolean;
}) {
  return (
    <>
      <CaseSections caseId={caseId} current={current} reference={reference} />
      {closed ? (
        <p className="notice notice-warning closed-case-notice">
          This case is closed: its file can be read but not changed.{" "}
          <Link to={caseSectionPath(caseId, "close")}>A lead can reopen it</Link>.
        </p>
      ) : null}
    </>
  );
}

function CaseSections({
  caseId,
  current,
  reference,
}: {
  caseId: string;
  current: string;
  reference: string;
}) {
  return (
    <nav className="case-nav" aria-label={`Case ${reference}`}>
      <ul>
        {CASE_SECTIONS.map((s) => {
          const isCurrent = current === s.key || (s.segment !== "" && current === s.segment);
          return (
            <li key={s.key}>
              <Link
                to={caseSectionPath(caseId, s.segment)}
                aria-current={isCurrent ? "page" : undefined}
              >
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
