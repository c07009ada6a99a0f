/**
 * Which member projects to suggest for a case, and why: the rules as a plain function so
 * they can be tested and shown. The coordinator sees every project with its reasons for and
 * against, and chooses; nothing is offered automatically.
 */
export interface ProjectFacts {
  id: string;
  name: string;
  status: "active" | "paused" | "closed";
  jurisdictions: string[];
  specialisms: string[];
  capacity: number | null;
  activeCases: number;
  openOffers: number;
  /** The term break the project is in today, if any. */
  inTermBreak: { label: string; endsOn: string } | null;
  /** This case was offered to the project before and it declined or let the offer lapse. */
  declinedBefore: boolean;
}

export interface CaseFacts {
  jurisdiction: string | null;
  /** Words describing the case: its offence type and suspected causes, as labels. */
  themes: string[];
}

export interface Suggestion {
  project: ProjectFacts;
  suitable: boolean;
  score: number;
  /** Why it suits, in the order a coordinator weighs them. */
  reasons: string[];
  /** Why it does not (any one makes it unsuitable), or what counts against it. */
  against: string[];
  capacityLeft: number | null;
}

const JURISDICTION_NAMES: Record<string, string> = {
  england_wales: "England and Wales",
  scotland: "Scotland",
  northern_ireland: "Northern Ireland",
};

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 3);

/** A specialism matches a theme when they share a word ("sexual offences" ~ "Sexual offence"). */
export function matchingSpecialisms(specialisms: string[], themes: string[]): string[] {
  const themeWords = new Set(themes.flatMap((t) => words(t).map((w) => w.replace(/s$/, ""))));
  return specialisms.filter((s) => words(s).some((w) => themeWords.has(w.replace(/s$/, ""))));
}

export function suggest(c: CaseFacts, projects: readonly ProjectFacts[]): Suggestion[] {
  const out = projects.map((p): Suggestion => {
    const reasons: string[] = [];
    const against: string[] = [];
    let suitable = true;
    let score = 0;
    if (p.status !== "active") {
      suitable = false;
      against.push(p.status === "closed" ? "Closed" : "Paused: taking no new cases");
    }
    if (p.inTermBreak) {
      suitable = false;
      against.push(`In a term break (${p.inTermBreak.label}) until ${p.inTermBreak.endsOn}`);
    }
    if (!c.jurisdiction) {
      against.push("The case's jurisdiction is not recorded");
    } else if (p.jurisdictions.includes(c.jurisdiction)) {
      reasons.push(`Takes cases from ${JURISDICTION_NAMES[c.jurisdiction] ?? c.jurisdiction}`);
      score += 4;
    } else {
      suitable = false;
      against.push(
        `Does not take cases from ${JURISDICTION_NAMES[c.jurisdiction] ?? c.jurisdiction}`,
      );
    }
    const capacityLeft = p.capacity === null ? null : p.capacity - p.activeCases - p.openOffers;
    if (capacityLeft === null) {
      against.push("No capacity recorded");
    } else if (capacityLeft <= 0) {
      suitable = false;
      // Open offers hold a place too: say so, or "0 active cases of 1" reads as room.
      const waiting = p.openOffers
        ? `, and ${p.openOffers} offer${p.openOffers === 1 ? "" : "s"} waiting for an answer`
        : "";
      against.push(
        `Full: ${p.activeCases} active case${p.activeCases === 1 ? "" : "s"} of ${p.capacity}${waiting}`,
      );
    } else {
      reasons.push(`Room for ${capacityLeft} more (${p.activeCases} of ${p.capacity} in use)`);
      score += Math.min(capacityLeft, 5);
    }
    const matched = matchingSpecialisms(p.specialisms, c.themes);
    if (matched.length > 0) {
      reasons.push(`Specialises in ${matched.join(", ")}`);
      score += 3 * matched.length;
    }
    if (p.declinedBefore) {
      against.push("Declined this case before");
      score -= 5;
    }
    score -= p.activeCases / 10;
    return { project: p, suitable, score, reasons, against, capacityLeft };
  });
  return out.sort(
    (a, b) =>
      Number(b.suitable) - Number(a.suitable) ||
      b.score - a.score ||
      a.project.name.localeCompare(b.project.name),
  );
}
