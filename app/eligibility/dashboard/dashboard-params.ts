import { isRealDate } from "~/shared/dates";

/**
 * The dashboard's period as it travels in the address (a GET form and preset links, so it
 * works without JavaScript and can be bookmarked), and how it is read back.
 */
export interface Period {
  from: string;
  to: string;
}

export interface PeriodError {
  field: "from" | "to";
  message: string;
}

/** At most ten years at a time: the chart has a bar a month. */
export const MAX_MONTHS = 120;

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function monthStart(today: string, monthsBack: number): string {
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - monthsBack);
  return iso(d);
}

/** The preset periods, each ending today (or at the end of last year). */
export function presets(today: string): { key: string; label: string; period: Period }[] {
  const year = Number(today.slice(0, 4));
  return [
    { key: "3m", label: "Last 3 months", period: { from: monthStart(today, 2), to: today } },
    { key: "12m", label: "Last 12 months", period: { from: monthStart(today, 11), to: today } },
    { key: "ytd", label: "This year", period: { from: `${year}-01-01`, to: today } },
    {
      key: "last-year",
      label: "Last year",
      period: { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
    },
  ];
}

/** The default: the last 12 months, whole months from the first of the month 11 months ago. */
export function defaultPeriod(today: string): Period {
  return { from: monthStart(today, 11), to: today };
}

export function monthsBetween(p: Period): number {
  const [fy, fm] = p.from.split("-").map(Number);
  const [ty, tm] = p.to.split("-").map(Number);
  return ((ty ?? 0) - (fy ?? 0)) * 12 + ((tm ?? 0) - (fm ?? 0)) + 1;
}

/**
 * Reads the period. A date that is not a real date, an end before the start, or a period
 * longer than ten years is reported, and the default period is shown meanwhile.
 */
export function parsePeriod(
  params: URLSearchParams,
  today: string,
): { period: Period; errors: PeriodError[] } {
  const fallback = defaultPeriod(today);
  const from = params.get("from")?.trim() || "";
  const to = params.get("to")?.trim() || "";
  const errors: PeriodError[] = [];
  if (from && !isRealDate(from))
    errors.push({ field: "from", message: "From must be a real date, like 2025-06-01" });
  if (to && !isRealDate(to))
    errors.push({ field: "to", message: "To must be a real date, like 2026-05-31" });
  if (errors.length > 0) return { period: fallback, errors };
  const period = { from: from || fallback.from, to: to || fallback.to };
  if (period.from > period.to)
    return {
      period: fallback,
      errors: [{ field: "to", message: "To must be on or after from" }],
    };
  if (monthsBetween(period) > MAX_MONTHS)
    return {
      period: fallback,
      errors: [{ field: "from", message: "Choose a period of ten years or less" }],
    };
  return { period, errors };
}
