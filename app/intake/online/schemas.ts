import { z } from "zod";
import { EmailSchema } from "~/identity/schemas";
import { isRealDate } from "~/shared/dates";
import { ApplicantSchema } from "../applicant-schema";
import { QuestionnaireSchema, type QuestionnaireSection } from "../questionnaire";

/**
 * The online application's forms, one schema each, used in the browser and on the server.
 * The applicant's details and the questionnaire reuse the schemas the staff forms use.
 */

/** A field people cannot see or reach, that robots fill in: a form with it filled is thrown away. */
export const HONEYPOT_FIELD = "website";

/**
 * The forms that start and send an application carry only the hidden field that people
 * leave empty and form-filling robots fill in.
 */
export const HoneypotSchema = z.object({ [HONEYPOT_FIELD]: z.string().optional() });

export const RELATIONSHIPS = [
  { value: "family", label: "Family member" },
  { value: "friend", label: "Friend" },
  { value: "solicitor", label: "Solicitor or other lawyer" },
  { value: "mp", label: "Member of Parliament" },
  { value: "other", label: "Someone else" },
] as const;
type Relationship = (typeof RELATIONSHIPS)[number]["value"];
const RELATIONSHIP_VALUES = RELATIONSHIPS.map((r) => r.value) as [Relationship, ...Relationship[]];

/** The about-you form's fields and their rules (Conform reads its constraints from this). */
export const AboutYouFields = z
  .object({
    applyingFor: z.enum(["self", "behalf"], {
      error: "Select whether you are the applicant or applying for someone else",
    }),
    name: z.string().trim().max(200, "Your name must be 200 characters or fewer").optional(),
    relationship: z
      .enum(RELATIONSHIP_VALUES, { error: "Select how you know the applicant" })
      .optional(),
    email: EmailSchema.optional(),
    address: z
      .string()
      .trim()
      .max(500, "Your address must be 500 characters or fewer")
      .optional()
      .transform((v) => (v ? v : undefined)),
    applicantAgrees: z.literal("yes").optional(),
    copies: z.enum(["yes", "no"], { error: "Select yes or no" }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.applyingFor !== "behalf") return;
    const missing = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    if (!v.name) missing("name", "Enter your full name");
    if (!v.relationship) missing("relationship", "Select how you know the applicant");
    if (!v.applicantAgrees)
      missing(
        "applicantAgrees",
        "Confirm that the applicant knows about this application and agrees to it",
      );
    if (!v.copies)
      missing("copies", "Select whether the applicant wants us to send you copies of our letters");
    if (!v.email && !v.address)
      missing(
        "address",
        "Enter your postal address or your email address, so that we can reach you",
      );
    else if (v.copies === "yes" && !v.address)
      missing("address", "Enter your postal address: we send copies of our letters by post");
  });

/**
 * What the about-you page saves: an applicant's own e-mail, or who is acting for them, how
 * to reach them (e-mail, post or both) and whether the applicant wants them to have copies
 * of our letters.
 */
export const AboutYouSchema = AboutYouFields.transform((v) =>
  v.applyingFor === "self"
    ? { applyingFor: "self" as const, email: v.email }
    : {
        applyingFor: "behalf" as const,
        name: v.name ?? "",
        relationship: v.relationship ?? "other",
        email: v.email,
        address: v.address,
        applicantAgrees: true as const,
        copies: v.copies === "yes",
      },
);
export type AboutYou = z.infer<typeof AboutYouSchema>;

/**
 * The applicant's details as the online form asks them: whether they are in prison decides
 * whether the prison or a postal address is needed. On the server, `establishmentIds` are the
 * prisons that exist; `convictionDate` is the one already given, which a birth cannot follow.
 */
export function onlineApplicantSchema(
  context: { establishmentIds?: ReadonlySet<string>; convictionDate?: string } = {},
) {
  return ApplicantSchema.extend({
    inPrison: z.enum(["yes", "no"], { error: "Say whether the applicant is in prison now" }),
  }).superRefine((v, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    if (v.inPrison === "yes" && !v.establishmentId)
      issue("establishmentId", "Choose the prison the applicant is in");
    if (
      v.establishmentId &&
      context.establishmentIds &&
      !context.establishmentIds.has(v.establishmentId)
    )
      issue("establishmentId", "Choose a prison from the list");
    if (v.inPrison === "no" && !v.postalAddress)
      issue("postalAddress", "Enter the applicant's postal address");
    const { convictionDate } = context;
    if (
      v.dateOfBirth &&
      isRealDate(v.dateOfBirth) &&
      convictionDate &&
      v.dateOfBirth > convictionDate
    )
      issue(
        "dateOfBirth",
        `Date of birth must be before the date of conviction you gave (${convictionDate})`,
      );
  });
}
export type OnlineApplicant = z.infer<ReturnType<typeof onlineApplicantSchema>>;

/**
 * One section of the questionnaire, with the questionnaire's own answer rules, and dates
 * checked against each other and against the applicant's date of birth.
 */
export function sectionSchema(
  section: QuestionnaireSection,
  context: { dateOfBirth?: string } = {},
) {
  const shape = QuestionnaireSchema.shape;
  const names = section.questions.map((q) => q.name);
  const dates = section.questions.filter((q) => q.kind === "date");
  return z
    .object(
      Object.fromEntries(names.map((n) => [n, shape[n]])) as Record<string, (typeof shape)[string]>,
    )
    .superRefine((v, ctx) => {
      const real = (d: unknown): d is string => typeof d === "string" && isRealDate(d);
      const { offenceDate, convictionDate } = v;
      if (real(offenceDate) && real(convictionDate) && offenceDate > convictionDate) {
        ctx.addIssue({
          code: "custom",
          path: ["convictionDate"],
          message: "The conviction cannot be before the offence",
        });
      }
      const born = context.dateOfBirth;
      if (!born) return;
      for (const q of dates) {
        const d = v[q.name];
        if (real(d) && d < born) {
          ctx.addIssue({
            code: "custom",
            path: [q.name],
            message: `${q.label} cannot be before the applicant's date of birth (${born})`,
          });
        }
      }
    });
}

export const SecretSchema = z
  .object({
    secret: z
      .string({ error: "Enter a password of at least 8 characters" })
      .min(8, "Your password must be at least 8 characters")
      .max(200, "Your password must be 200 characters or fewer"),
    confirm: z.string({ error: "Enter your password again" }),
  })
  .refine((v) => v.secret === v.confirm, {
    message: "The passwords do not match",
    path: ["confirm"],
  });

/**
 * A draft's own reference, AP-7K3M-9QXD, from before references were shared with the
 * application (decision 022): still accepted, so that a draft saved then can be opened.
 */
export const DRAFT_REFERENCE = /^AP-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;
/** The application's reference, CN-2026-00042, set aside for a draft when it is first saved. */
export const APPLICATION_REFERENCE = /^CN-\d{4}-\d{5,}$/;

/** "cn 2026 00042" → "CN-2026-00042", "ap 7k3m9qxd" → "AP-7K3M-9QXD": however it was written. */
export function normaliseDraftReference(value: string): string {
  let s = value.toUpperCase().replace(/[^A-Z0-9]/g, "");
  const application = /^CN(\d{4})(\d{5,})$/.exec(s);
  if (application) return `CN-${application[1]}-${application[2]}`;
  if (s.length === 10 && s.startsWith("AP")) s = s.slice(2);
  return s.length === 8 ? `AP-${s.slice(0, 4)}-${s.slice(4)}` : value.trim().toUpperCase();
}

/** The reference and secret typed again on a page sent after the session ended. */
export const RESUME_FIELDS = { reference: "resumeReference", secret: "resumeSecret" } as const;

export const ResumeSchema = z.object({
  reference: z
    .string({ error: "Enter your reference, like CN-2026-00042" })
    .transform(normaliseDraftReference)
    .refine(
      (v) => APPLICATION_REFERENCE.test(v) || DRAFT_REFERENCE.test(v),
      "Enter the reference as it was shown to you, like CN-2026-00042",
    ),
  secret: z
    .string({ error: "Enter the password you chose" })
    .max(200, "Your password must be 200 characters or fewer"),
});
