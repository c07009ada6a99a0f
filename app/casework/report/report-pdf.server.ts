import type { Content } from "pdfmake/interfaces";
import { longDate } from "~/letters/merge";
import { renderPdf } from "~/letters/pdf.server";
import { fileDownload } from "~/referrals/file-download.server";
import type { SentCaseReport } from "./case-report.server";
import { type CaseReportContent, formatDuration } from "./report-content";

/** How the PDF is marked: a draft the lead is checking, or the report as sent. */
export type ReportPdfStatus = { kind: "draft" } | { kind: "sent"; sentOn: string; comment: string };

const heading = (text: string): Content => ({
  text,
  fontSize: 13,
  bold: true,
  margin: [0, 12, 0, 4],
});

const none = (text: string): Content => ({ text, italics: true, margin: [0, 0, 0, 4] });

/** A table with a header row, or (header null) label–value rows with the labels in bold. */
function table(header: string[] | null, rows: string[][], widths: (number | "*")[]): Content {
  const cells = rows.map((r) => r.map((text, i) => ({ text, bold: header === null && i === 0 })));
  return {
    table: {
      headerRows: header ? 1 : 0,
      dontBreakRows: true,
      widths,
      body: header ? [header.map((text) => ({ text, bold: true })), ...cells] : cells,
    },
    layout: "lightHorizontalLines",
    margin: [0, 0, 0, 4],
  };
}

/**
 * The annual case report as a printable A4 document in the chronology's style: the case and
 * where it stands, the lines of investigation, the work of the period, what comes next, and —
 * once sent — the lead's comments to the network.
 */
export function renderCaseReportPdf(
  content: CaseReportContent,
  status: ReportPdfStatus,
): Promise<Buffer> {
  const { case: c, period, lines, work, nextSteps } = content;
  const title = `Annual case report: ${c.reference}`;
  const marking =
    status.kind === "draft"
      ? `Draft prepared on ${longDate(content.preparedOn)}, not yet sent. Confidential.`
      : `Sent to the network on ${longDate(status.sentOn)}. Confidential.`;
  const body: Content[] = [
    { text: title, fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
    { text: c.applicantName, fontSize: 12, margin: [0, 0, 0, 4] },
    {
      text: `${c.projectName}. Period ${longDate(period.from)} to ${longDate(period.to)}.`,
      margin: [0, 0, 0, 2],
    },
    { text: marking, fontSize: 9, margin: [0, 0, 0, 8] },
    heading("Stage and outcome"),
    table(
      null,
      [
        ["Accepted by the project", longDate(c.acceptedOn)],
        ["Stage", c.stageLabel],
        ["Outcome", c.outcomeLabel ?? "Not concluded"],
        ...(c.outcomeReason ? [["Reasons", c.outcomeReason]] : []),
      ],
      [150, "*"],
    ),
    heading("Lines of investigation"),
    lines.length === 0
      ? none("No lines of investigation are recorded.")
      : {
          // One block per line rather than a table: the result's reasons run to full width.
          stack: lines.map(
            (l): Content => ({
              stack: [
                { text: l.description, bold: true },
                { text: `${l.category}. Status: ${l.statusLabel}.`, fontSize: 9 },
                {
                  text: `Result: ${[l.resultLabel ?? "No result yet", l.resultReason ?? ""]
                    .filter(Boolean)
                    .join(". ")}`,
                },
              ],
              margin: [0, 0, 0, 6],
              unbreakable: true,
            }),
          ),
        },
    heading("Work in the period"),
    {
      text: `Time logged: ${formatDuration(work.time.totalMinutes)}.`,
      margin: [0, 0, 0, 4],
    },
    ...(work.time.byPerson.length > 0
      ? [
          table(
            ["Person", "Time"],
            work.time.byPerson.map((p) => [p.name, formatDuration(p.minutes)]),
            ["*", 150],
          ),
        ]
      : []),
    { text: "Case reviews", bold: true, margin: [0, 6, 0, 2] },
    work.reviews.length === 0
      ? none("No case review was held in the period.")
      : table(
          ["Held on", "Decisions"],
          work.reviews.map((r) => [longDate(r.heldOn), r.decisions]),
          [100, "*"],
        ),
    { text: "Papers", bold: true, margin: [0, 6, 0, 2] },
    work.papers.obtained.length === 0
      ? none("No papers were obtained in the period.")
      : table(
          ["Obtained on", "Papers"],
          work.papers.obtained.map((p) => [longDate(p.on), p.what]),
          [100, "*"],
        ),
    work.papers.requested.length === 0
      ? none("No papers were requested in the period.")
      : table(
          ["Requested on", "Papers", "From", "Reply"],
          work.papers.requested.map((p) => [longDate(p.on), p.what, p.from, p.status]),
          [90, "*", 120, 60],
        ),
    {
      text: `Documents added to the file: ${work.documentsAdded}.`,
      margin: [0, 6, 0, 2],
    },
    { text: "Stage steps", bold: true, margin: [0, 6, 0, 2] },
    work.stageSteps.length === 0
      ? none("No stage step was recorded in the period.")
      : table(
          ["On", "Step"],
          work.stageSteps.map((s) => [
            longDate(s.on),
            [s.label, s.note].filter(Boolean).join("\n"),
          ]),
          [100, "*"],
        ),
    heading("Next steps"),
    { text: "Open lines of investigation", bold: true, margin: [0, 0, 0, 2] },
    nextSteps.openLines.length === 0
      ? none("No line of investigation is open.")
      : { ul: nextSteps.openLines, margin: [0, 0, 0, 4] },
    { text: "Coming deadlines", bold: true, margin: [0, 6, 0, 2] },
    nextSteps.deadlines.length === 0
      ? none("No deadline is coming.")
      : table(
          ["Due on", "What"],
          nextSteps.deadlines.map((d) => [longDate(d.on), d.what]),
          [100, "*"],
        ),
  ];
  if (status.kind === "sent") {
    body.push(heading("Comments for the network"));
    body.push(status.comment ? { text: status.comment } : none("No comments."));
  }
  return renderPdf({
    info: { title, author: "Clearname" },
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2 },
    content: body,
    footer: (page, pages) => ({
      text: `${c.reference} annual case report, page ${page} of ${pages}`,
      alignment: "center",
      fontSize: 8,
      margin: [0, 24, 0, 0],
    }),
  });
}

/**
 * A sent report as a PDF download, marked as sent with the lead's comments, whoever reads it
 * (the case's team, or the network overseeing the project).
 */
export async function sentCaseReportDownload(report: SentCaseReport): Promise<Response> {
  const bytes = await renderCaseReportPdf(report.content, {
    kind: "sent",
    sentOn: report.sentOn,
    comment: report.comment,
  });
  return fileDownload({
    filename: `${report.content.case.reference}-annual-report-${report.sentOn}.pdf`,
    mediaType: "application/pdf",
    bytes,
  });
}
