/**
 * The annual case report a project sends the network: what it says, as a plain serialisable
 * object. The same object is shown on the lead's page, rendered to PDF and, once sent, kept in
 * `case_reports.content` — so every label is written into it, and a sent report reads the same
 * later whatever changes in the file or in Clearname's wording.
 */
export interface CaseReportContent {
  /** Bumped if the shape changes, so that older snapshots can still be read. */
  format: 1;
  /** The day the content was drawn from the file. */
  preparedOn: string;
  period: { from: string; to: string };
  case: {
    reference: string;
    applicantName: string;
    projectName: string;
    /** The day the project accepted the case. */
    acceptedOn: string;
    stage: string;
    stageLabel: string;
    outcome: string | null;
    outcomeLabel: string | null;
    outcomeReason: string | null;
  };
  lines: ReportLine[];
  work: {
    time: { totalMinutes: number; byPerson: { name: string; minutes: number }[] };
    reviews: { heldOn: string; decisions: string }[];
    papers: {
      obtained: { on: string; what: string }[];
      requested: { on: string; what: string; from: string; status: string }[];
    };
    documentsAdded: number;
    stageSteps: { on: string; label: string; note: string }[];
  };
  nextSteps: {
    openLines: string[];
    deadlines: { on: string; what: string }[];
  };
}

export interface ReportLine {
  category: string;
  description: string;
  status: string;
  statusLabel: string;
  result: string | null;
  resultLabel: string | null;
  resultReason: string | null;
}

/** "12 hours 30 minutes", "45 minutes", "No time logged". */
export function formatDuration(minutes: number): string {
  if (minutes <= 0) return "No time logged";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [
    h > 0 ? `${h} hour${h === 1 ? "" : "s"}` : null,
    m > 0 ? `${m} minute${m === 1 ? "" : "s"}` : null,
  ];
  return parts.filter(Boolean).join(" ");
}

/** Hours to one decimal place, as a figure ("12.5"). */
export function hours(minutes: number): string {
  return (Math.round((minutes / 60) * 10) / 10).toString();
}

/**
 * Reads a stored snapshot back as report content. The column is typed loosely in the schema;
 * anything not in the current format is refused rather than rendered wrongly.
 */
export function asReportContent(value: unknown): CaseReportContent {
  const v = value as Partial<CaseReportContent> | null;
  if (v?.format !== 1 || !v.case || !v.period || !v.work || !v.nextSteps || !v.lines)
    throw new Error("the stored case report is not in a format Clearname can read");
  return v as CaseReportContent;
}
