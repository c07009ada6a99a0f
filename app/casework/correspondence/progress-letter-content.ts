import { longDate } from "~/letters/merge";

/**
 * What a progress letter tells the client, drawn from the case's own record
 * (docs/decisions/032-progress-letters.md): only facts fit to send into a prison — stages
 * reached, lines of investigation by their description, papers asked for and received, how
 * many items of evidence were recorded, coming deadlines. Never a note, a line's reasoning or
 * result, an evidence item's content or anyone's name but the bodies asked for papers.
 */
export interface ProgressRecord {
  /** Stage steps recorded since the last letter, oldest first. */
  stages: { stage: string; occurredOn: string }[];
  /** Lines of investigation changed since the last letter. */
  linesWorked: { description: string; status: string }[];
  /** Lines still to do or under way. */
  openLines: { description: string; status: string }[];
  /** Requests for papers made since the last letter. */
  requestsMade: { recipient: string; paper: string }[];
  /** Replies to requests for papers since the last letter. */
  replies: { recipient: string; paper: string; status: string }[];
  /** Requests still waiting for a reply. */
  waitingFor: { recipient: string; paper: string }[];
  /** Items of evidence recorded since the last letter. */
  evidenceAdded: number;
  /** Deadlines of stage steps still to come, soonest first. */
  deadlines: { on: string; what: string }[];
}

/** A stage step as the client is told it; "open" (accepted) is not news after acceptance. */
const STAGE_NEWS: Record<string, string> = {
  investigating: "we started investigating your case",
  application_drafted: "we drafted an application to the review body for you",
  submitted: "we sent your application to the review body",
  acknowledged: "the review body told us it had received your application",
  under_review: "the review body started to review your case",
  provisional_statement: "the review body sent us its provisional view of your case",
  review_decided: "the review body made its decision on your case",
  appeal: "your case went to the appeal court",
  concluded: "our work on your case came to an end",
};

/** A description as a clause: no full stop of its own, first letter kept as written. */
function clause(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.;:,\s]+$/, "");
}

function paperWords(paper: string): string {
  const p = clause(paper);
  return p.charAt(0).toLowerCase() + p.slice(1);
}

/** The two lists of a progress letter: what was done since the last one, and what comes next. */
export function progressLists(r: ProgressRecord): { done: string[]; next: string[] } {
  const done: string[] = [];
  for (const s of r.stages) {
    const news = STAGE_NEWS[s.stage];
    if (news) done.push(`On ${longDate(s.occurredOn)}, ${news}.`);
  }
  for (const l of r.linesWorked) {
    if (l.status === "done") done.push(`We finished looking into this: ${clause(l.description)}.`);
    else if (l.status === "abandoned")
      done.push(`We stopped looking into this: ${clause(l.description)}.`);
    else if (l.status === "in_progress") done.push(`We worked on this: ${clause(l.description)}.`);
  }
  for (const q of r.requestsMade)
    done.push(`We asked ${clause(q.recipient)} for ${paperWords(q.paper)}.`);
  for (const q of r.replies)
    done.push(
      q.status === "refused"
        ? `${clause(q.recipient)} told us that they could not send us ${paperWords(q.paper)}.`
        : `We received ${paperWords(q.paper)} from ${clause(q.recipient)}.`,
    );
  if (r.evidenceAdded > 0)
    done.push(
      r.evidenceAdded === 1
        ? "We added one item to our record of the evidence in your case."
        : `We added ${r.evidenceAdded} items to our record of the evidence in your case.`,
    );

  const next: string[] = [];
  for (const l of r.openLines)
    next.push(
      l.status === "in_progress"
        ? `We are still looking into this: ${clause(l.description)}.`
        : `We plan to look into this: ${clause(l.description)}.`,
    );
  for (const w of r.waitingFor)
    next.push(`We are waiting for ${clause(w.recipient)} to send us ${paperWords(w.paper)}.`);
  for (const d of r.deadlines) next.push(`By ${longDate(d.on)}: ${paperWords(d.what)}.`);
  return { done, next };
}
