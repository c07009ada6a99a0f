import { QUESTIONNAIRE_SECTIONS, type Questionnaire } from "~/intake/questionnaire";

/**
 * The applicant's own account: the stage-1 questionnaire as the network received it (by post,
 * online, from a representative), carried with an offer and kept in the project's case. It is
 * the applicant's words, not the assessor's: shown and used as written.
 */
export interface ApplicantAccount {
  answers: Questionnaire;
  channel: string | null;
  receivedOn: string | null;
}

const textOf = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() ? v : undefined;

/** The account read from the offer or the case (jsonb), or null when none came with it. */
export function accountOf(raw: unknown): ApplicantAccount | null {
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  const given = r.answers && typeof r.answers === "object" ? r.answers : {};
  const answers: Questionnaire = {};
  for (const [k, v] of Object.entries(given as Record<string, unknown>)) {
    const t = textOf(v);
    if (t) answers[k] = t;
  }
  return { answers, channel: textOf(r.channel) ?? null, receivedOn: textOf(r.receivedOn) ?? null };
}

export interface AccountSection {
  key: string;
  title: string;
  rows: { label: string; value: string }[];
}

/** The answered questions, section by section in the questionnaire's order, choices in words. */
export function accountSections(account: ApplicantAccount): AccountSection[] {
  return QUESTIONNAIRE_SECTIONS.map((s) => ({
    key: s.key,
    title: s.title,
    rows: s.questions.flatMap((q) => {
      const value = account.answers[q.name];
      if (!value) return [];
      return [{ label: q.label, value: q.options?.find((o) => o.value === value)?.label ?? value }];
    }),
  })).filter((s) => s.rows.length > 0);
}

const HOW: Record<string, string> = {
  post: "by post",
  online: "online",
  representative: "through a representative",
  email: "by e-mail",
  import: "from the network's earlier records",
};

/** "The applicant's answers to the network's questionnaire, received by post on 2026-02-10." */
export function accountProvenance(account: ApplicantAccount): string {
  const how = account.channel ? (HOW[account.channel] ?? null) : null;
  const received = [how, account.receivedOn ? `on ${account.receivedOn}` : null]
    .filter(Boolean)
    .join(" ");
  return `The applicant's answers to the network's questionnaire${received ? `, received ${received}` : ""}, as written.`;
}
