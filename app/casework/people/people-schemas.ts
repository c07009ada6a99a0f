import { z } from "zod";
import { PERSON_KINDS } from "~/db/schema/casework";
import { isRealDate } from "~/shared/dates";
import { IdSchema } from "~/shared/ids";

export const PERSON_KIND_LABELS: Record<(typeof PERSON_KINDS)[number], string> = {
  witness: "Witness",
  co_defendant: "Co-defendant",
  victim: "Victim or complainant",
  police_officer: "Police officer",
  expert: "Expert",
  lawyer: "Lawyer",
  other: "Other",
};

/**
 * The people the team may only approach with the client's consent: lay people in the case.
 * Professionals (officers, experts, lawyers) are approached in the ordinary way.
 */
export const NEEDS_CONSENT: readonly (typeof PERSON_KINDS)[number][] = [
  "witness",
  "victim",
  "co_defendant",
];

const date = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .refine(isRealDate, "Enter a real date, for example 2026-03-14");

const id = z.string({ error: "Something went wrong: reload the page" }).pipe(IdSchema);

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}: keep it to ${max.toLocaleString("en-GB")} characters or fewer`)
    .optional()
    .transform((v) => v ?? "");

/**
 * Adding a person to the case: either one already known to the organisation (`personId`,
 * chosen after a search by name), or a new one (name and kind).
 */
export const AddPersonSchema = z
  .object({
    personId: z
      .string()
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || id.safeParse(v).success, "Choose a person from the list"),
    name: optionalText(300, "The name"),
    kind: z.enum(PERSON_KINDS).optional(),
    description: optionalText(1000, "The description"),
    role: z
      .string({ error: "Say what part they play in this case" })
      .trim()
      .min(1, "Say what part they play in this case")
      .max(500, "Keep the role to 500 characters or fewer"),
    notes: optionalText(5000, "The notes"),
  })
  .superRefine((v, ctx) => {
    if (v.personId) return;
    if (!v.name)
      ctx.addIssue({ code: "custom", path: ["name"], message: "Enter the person's name" });
    if (!v.kind)
      ctx.addIssue({
        code: "custom",
        path: ["kind"],
        message: "Choose what kind of person they are",
      });
  });

export const ConsentSchema = z.object({
  casePersonId: id,
  consentOn: date("Enter the date the client agreed"),
});

export const CONTACT_KINDS = ["letter", "call", "email", "visit"] as const;
export const CONTACT_KIND_LABELS: Record<(typeof CONTACT_KINDS)[number], string> = {
  letter: "Letter",
  call: "Telephone call",
  email: "E-mail",
  visit: "Visit",
};

export const ContactSchema = z.object({
  casePersonId: id,
  contactedOn: date("Enter the date they were contacted"),
  kind: z.enum(CONTACT_KINDS, { error: "Choose how they were contacted" }),
  summary: z
    .string({ error: "Say briefly what was said or asked" })
    .trim()
    .min(1, "Say briefly what was said or asked")
    .max(5000, "Keep it to 5,000 characters or fewer"),
});
