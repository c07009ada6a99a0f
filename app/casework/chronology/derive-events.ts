import { isRealDate } from "~/shared/dates";

/** One line of a case's chronology: derived from the conviction's facts, or entered by hand. */
export interface ChronologyEntry {
  /** The manual event's id; null for an event derived from the structured fields. */
  id: string | null;
  occurredOn: string;
  timeNote: string | null;
  description: string;
  source: string;
  derived: boolean;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);
const dateOf = (v: unknown): string | null => {
  const s = str(v);
  return s && isRealDate(s) ? s : null;
};
const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v)
    ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === "object")
    : [];

const BODY: Record<string, string> = { ccrc: "CCRC", sccrc: "SCCRC" };

/**
 * The events that the case's structured fields already date (cases.conviction, as the
 * assessment recorded it): the offence, conviction, sentence, each appeal stage and each earlier
 * application to the CCRC or SCCRC. Undated facts are left out.
 */
export function deriveEvents(conviction: Record<string, unknown>): ChronologyEntry[] {
  const source = "Case record (conviction details)";
  const out: ChronologyEntry[] = [];
  const add = (on: string | null, description: string) => {
    if (on)
      out.push({ id: null, occurredOn: on, timeNote: null, description, source, derived: true });
  };
  const offences = str(conviction.offences);
  const court = str(conviction.courtName);
  add(dateOf(conviction.offenceDate), offences ? `Offence: ${offences}` : "Offence");
  add(
    dateOf(conviction.convictionDate),
    `Convicted${offences ? ` of ${offences}` : ""}${court ? ` at ${court}` : ""}`,
  );
  const sentence = str(conviction.sentence);
  add(dateOf(conviction.sentenceDate), `Sentenced${sentence ? `: ${sentence}` : ""}`);
  for (const s of list(conviction.appealStages)) {
    const outcome = str(s.outcome);
    add(dateOf(s.date), `${str(s.stage) ?? "Appeal"}${outcome ? `: ${outcome}` : ""}`);
  }
  for (const r of list(conviction.priorReviews)) {
    const body = BODY[String(r.body)] ?? "Review body";
    const ref = str(r.reference);
    add(dateOf(r.appliedOn), `Application to the ${body}${ref ? ` (${ref})` : ""}`);
    const decision = str(r.decision);
    add(dateOf(r.decidedOn), `${body} decision${decision ? `: ${decision}` : ""}`);
  }
  return out;
}

/** Derived and manual events together, by date; on the same day derived events come first. */
export function mergeChronology(
  derived: readonly ChronologyEntry[],
  manual: readonly ChronologyEntry[],
): ChronologyEntry[] {
  return [...derived, ...manual]
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        a.e.occurredOn.localeCompare(b.e.occurredOn) ||
        Number(b.e.derived) - Number(a.e.derived) ||
        a.i - b.i,
    )
    .map(({ e }) => e);
}
