import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * A project's cases (app/casework/; see docs/decisions/010-casework-access.md): the list and
 * each case's file — team, stages, hand-over, lines, evidence, documents, papers, chronology,
 * people, notes, reviews, time, correspondence, the draft application and the annual report —
 * with one page per entry to correct it, a person's page, and search over the case files.
 * The documents page (`cases/:id/documents`) and a download (`cases/:id/documents/:documentId`)
 * differ in length, so they never clash.
 */
export default [
  route("cases", "routes/cases/list.tsx"),
  route("cases/:id", "routes/cases/case.tsx"),
  route("cases/:id/team", "routes/cases/team.tsx"),
  route("cases/:id/client", "routes/cases/client.tsx"),
  route("cases/:id/tasks", "routes/cases/tasks.tsx"),
  route("cases/:id/stages", "routes/cases/stages.tsx"),
  route("cases/:id/close", "routes/cases/close.tsx"),
  route("cases/:id/handover", "routes/cases/handover.tsx"),
  route("cases/:id/handover.pdf", "routes/cases/handover-pdf.tsx"),
  route("cases/:id/lines", "routes/cases/lines.tsx"),
  route("cases/:id/lines/:lineId", "routes/cases/lines.$lineId.tsx"),
  route("cases/:id/evidence", "routes/cases/evidence.tsx"),
  route("cases/:id/documents", "routes/cases/documents.tsx"),
  route("cases/:id/documents/:documentId", "routes/cases/case-document.tsx"),
  route("cases/:id/documents/:documentId/redact", "routes/cases/documents.$documentId.redact.tsx"),
  route("cases/:id/papers", "routes/cases/papers.tsx"),
  route("cases/:id/papers/:paperId", "routes/cases/papers.$paperId.tsx"),
  route(
    "cases/:id/papers/requests/:requestId/letter.docx",
    "routes/cases/papers.requests.$requestId.letter.tsx",
  ),
  route("cases/:id/chronology", "routes/cases/chronology.tsx"),
  route("cases/:id/chronology.pdf", "routes/cases/chronology-pdf.tsx"),
  route("cases/:id/people", "routes/cases/people.tsx"),
  route("cases/:id/notes", "routes/cases/notes.tsx"),
  route("cases/:id/reviews", "routes/cases/reviews.tsx"),
  route("cases/:id/reviews/:reviewId", "routes/cases/reviews.$reviewId.tsx"),
  route("cases/:id/time", "routes/cases/time.tsx"),
  route("cases/:id/time/:entryId", "routes/cases/time.$entryId.tsx"),
  route("cases/:id/correspondence", "routes/cases/correspondence.tsx"),
  route("cases/:id/correspondence/:entryId", "routes/cases/correspondence.$entryId.tsx"),
  route("cases/:id/progress-letter", "routes/cases/progress-letter.tsx"),
  route("cases/:id/application", "routes/cases/application.tsx"),
  route("cases/:id/report", "routes/cases/report.tsx"),
  route("cases/:id/report.pdf", "routes/cases/report-pdf.tsx"),
  route("cases/:id/reports/:reportId.pdf", "routes/cases/report-sent-pdf.tsx"),
  route("people/:personId", "routes/people/person.tsx"),
  route("search", "routes/search.tsx"),
] satisfies RouteConfigEntry[];
