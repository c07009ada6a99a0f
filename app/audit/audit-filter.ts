import { z } from "zod";
import { isRealDate } from "~/shared/dates";
import { isId } from "~/shared/ids";
import { ICO_CATEGORIES, type IcoCategory } from "./ico-categories";

/** What the audit tool can be narrowed to; every field is optional. Days are UTC days. */
export interface AuditFilter {
  /** The data subject: an applicant's id. */
  subject?: string;
  /** Who acted: a user's id. */
  user?: string;
  organisation?: string;
  kind?: IcoCategory;
  /** An exact action, e.g. `application.viewed`. */
  action?: string;
  /** From the start of this day (YYYY-MM-DD). */
  from?: string;
  /** To the end of this day (YYYY-MM-DD). */
  to?: string;
}

export const AUDIT_FILTER_FIELDS = [
  "subject",
  "user",
  "organisation",
  "kind",
  "action",
  "from",
  "to",
] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    schema.optional(),
  );
const id = (what: string) =>
  optional(z.string().trim().refine(isId, `Enter ${what} as it appears in the trail (an id).`));
const day = optional(
  z.string().trim().refine(isRealDate, "Enter a date as year-month-day, e.g. 2026-11-30."),
);

/** The audit tool's filter form (a GET form: the query string is the filter). */
export const AuditFilterSchema = z
  .object({
    subject: id("the data subject"),
    user: id("the user"),
    organisation: id("the organisation"),
    kind: optional(z.enum(ICO_CATEGORIES, "Choose a kind of processing from the list.")),
    action: optional(
      z
        .string()
        .trim()
        .max(100, "Use at most 100 characters.")
        .regex(
          /^[a-z_.]+$/,
          "Enter an action as it appears in the trail, e.g. application.viewed.",
        ),
    ),
    from: day,
    to: day,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: "The end of the period must not be before its start.",
    path: ["to"],
  });

/**
 * Reads the filter from a query string: what was typed (to show it again), the filter made of
 * the fields that are right, and a message for each that is not.
 */
export function readAuditFilter(params: URLSearchParams): {
  typed: Record<AuditFilterField, string>;
  filter: AuditFilter;
  errors: Partial<Record<AuditFilterField, string>>;
} {
  const typed = Object.fromEntries(
    AUDIT_FILTER_FIELDS.map((f) => [f, (params.get(f) ?? "").slice(0, 200)]),
  ) as Record<AuditFilterField, string>;
  const parsed = AuditFilterSchema.safeParse(typed);
  if (parsed.success) return { typed, filter: stripEmpty(parsed.data), errors: {} };
  const errors: Partial<Record<AuditFilterField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as AuditFilterField;
    errors[field] ??= issue.message;
  }
  // The fields that are right still filter, so that one mistake does not show everything.
  const partial = Object.fromEntries(
    AUDIT_FILTER_FIELDS.filter((f) => !errors[f]).map((f) => [f, typed[f]]),
  );
  const again = AuditFilterSchema.safeParse(partial);
  return { typed, filter: again.success ? stripEmpty(again.data) : {}, errors };
}

function stripEmpty(f: AuditFilter): AuditFilter {
  return Object.fromEntries(
    Object.entries(f).filter(([, v]) => v !== undefined && v !== ""),
  ) as AuditFilter;
}

/** The query string of a filter, for links that keep it (older events, the CSV export). */
export function auditFilterQuery(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const f of AUDIT_FILTER_FIELDS) {
    const v = filter[f];
    if (v) params.set(f, v);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** A keyset cursor: the sequence number to read below. */
export function readCursor(value: string | null): number | undefined {
  const n = Number(value ?? "");
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
