/**
 * The merge fields a letter template may use, with what each holds. Templates are data
 * (app/letters/templates.ts); this list is what an administrator editing them would be shown.
 */
export const MERGE_FIELDS = {
  "applicant.name": "The applicant's full name",
  "applicant.prisonerNumber": "The applicant's prisoner number, if any",
  "establishment.name": "The prison the applicant is held in, if any",
  "establishment.address": "The prison's postal address on one line",
  "recipient.address": "Where the letter goes: the prison's address, or the applicant's own",
  "application.reference": "The application's reference, e.g. CN-2026-00042",
  "application.receivedOn": "The day the application arrived, e.g. 2 November 2026",
  "application.madeBy":
    "Who made the application for the applicant through the website, e.g. Isla Reid; empty otherwise",
  date: "The date of the letter, e.g. 9 November 2026",
  "network.name": "The network's name",
  "network.returnAddress": "The network's return address on one line",
  "decision.replyBy":
    "In a letter asking for more information, the date to reply by, e.g. 7 December 2026",
  "project.name":
    "In a letter about a referral or from a project, the member project that took (or had) the case, e.g. Ashdown University Innocence Project",
  "project.address": "In a letter from a project, the project's postal address on one line",
  "progress.since":
    "In a progress letter, the day of the last progress letter (or of the case's acceptance), e.g. 2 September 2026",
  "progress.nextOn": "In a progress letter, when the next one is due, e.g. 6 March 2027",
} as const;

export type MergeField = keyof typeof MERGE_FIELDS;
export type MergeValues = Record<MergeField, string>;

const FIELD = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;

export class TemplateError extends Error {}

function isMergeField(name: string): name is MergeField {
  return Object.hasOwn(MERGE_FIELDS, name);
}

/** The merge fields a template text uses, in order of first use. */
export function fieldsUsed(text: string): string[] {
  return [...new Set([...text.matchAll(FIELD)].map((m) => m[1] ?? ""))];
}

/**
 * Replaces each `{{field}}` with its value, in one pass: a value that itself looks like
 * `{{…}}` (someone's name can be anything) is printed as it is, never merged again.
 * An unknown field is a mistake in the template and is refused, not printed blank.
 */
export function merge(text: string, values: MergeValues): string {
  return text.replace(FIELD, (_whole, name: string) => {
    if (!isMergeField(name)) throw new TemplateError(`Unknown merge field {{${name}}}`);
    return values[name];
  });
}

/** Unknown fields in a template's texts; empty when the template is sound. */
export function unknownFields(texts: readonly string[]): string[] {
  return texts.flatMap(fieldsUsed).filter((name) => !isMergeField(name));
}

/** 2026-11-02 → "2 November 2026", as British letters write dates. */
export function longDate(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${iso}T00:00:00Z`));
}
