/**
 * Times of day as people in the UK type and read them: a form's `datetime-local` value
 * ("2026-12-05T09:30") is wall-clock time in London, GMT or BST as the date falls.
 */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const LONDON = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** London's wall-clock reading of an instant, as `YYYY-MM-DDTHH:MM`. */
export function toLondonLocal(instant: Date): string {
  const p = Object.fromEntries(LONDON.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The instant a London wall-clock time names, or null if the text is not a real date and time. */
export function fromLondonLocal(value: string): Date | null {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // London is UTC or UTC+1: try both offsets and keep the one that reads back as typed.
  for (const offsetHours of [0, 1]) {
    const instant = new Date(asUtc - offsetHours * 3_600_000);
    if (toLondonLocal(instant) === value) return instant;
  }
  // A time skipped when the clocks go forward: take the hour after.
  return new Date(asUtc);
}

const READABLE = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "5 December 2026 at 09:30", in London time. */
export function readableLondonTime(instant: Date): string {
  return READABLE.format(instant).replace(", ", " at ");
}
