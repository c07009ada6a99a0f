import { z } from "zod";
import { isRealDate, today } from "~/shared/dates";
import { isId } from "~/shared/ids";
import { ApplicantSchema } from "../applicant-schema";
import { UploadFileSchema } from "../entry/upload-rules";

const requiredDate = (what: string) =>
  z
    .string({ error: `Enter the ${what}` })
    .trim()
    .min(1, `Enter the ${what}`)
    .refine(isRealDate, `The ${what} must be a real date, like 2026-11-23`)
    .refine((v) => !isRealDate(v) || v <= today(), `The ${what} cannot be in the future`);

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : undefined));

/** Changing an applicant's details; where they are held changes through a move instead. */
export const EditApplicantSchema = ApplicantSchema.omit({ establishmentId: true }).extend({
  version: z.coerce.number().int(),
});
export type EditApplicantInput = z.infer<typeof EditApplicantSchema>;

export const RELEASED = "released";

export const MoveSchema = z.object({
  establishmentId: z
    .string({ error: "Choose where they are now" })
    .trim()
    .min(1, "Choose where they are now")
    .refine((v) => v === RELEASED || isId(v), "Choose an establishment from the list"),
  fromDate: requiredDate("date they moved"),
  version: z.coerce.number().int(),
});

export const RELATIONSHIPS = {
  family: "Family member",
  friend: "Friend",
  solicitor: "Solicitor",
  mp: "MP",
  other: "Other",
} as const;

export const AUTHORISATIONS = {
  everything: "Everything, including decisions and copies of papers",
  progress_only: "Progress only: whether the application has been received and where it stands",
  nothing: "Nothing: they may write to us, but we do not write to them",
} as const;

export const RepresentativeSchema = z.object({
  name: z
    .string({ error: "Enter the representative's name" })
    .trim()
    .min(1, "Enter the representative's name")
    .max(200, "Name must be 200 characters or fewer"),
  relationship: z.enum(["family", "friend", "solicitor", "mp", "other"], {
    error: "Choose how they are related to the applicant",
  }),
  authorisedToReceive: z.enum(["everything", "progress_only", "nothing"], {
    error: "Choose what the applicant has authorised them to receive",
  }),
  address: optionalText(500, "Address"),
  email: optionalText(200, "E-mail address").refine(
    (v) => v === undefined || z.email().safeParse(v).success,
    "Enter an e-mail address like name@example.org",
  ),
  phone: optionalText(40, "Phone number"),
});
type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/** What adding a representative takes (the form's output, with its optional fields optional). */
export type RepresentativeInput = Optional<
  z.infer<typeof RepresentativeSchema>,
  "address" | "email" | "phone"
>;

export const DIRECTIONS = { in: "Received (in)", out: "Sent (out)" } as const;
export const CORRESPONDENCE_KINDS = {
  letter: "Letter",
  call: "Phone call",
  email: "E-mail",
  form: "Form",
} as const;

export const CorrespondenceSchema = z.object({
  direction: z.enum(["in", "out"], { error: "Choose whether it was received or sent" }),
  kind: z.enum(["letter", "call", "email", "form"], { error: "Choose what it was" }),
  occurredOn: requiredDate("date"),
  summary: z
    .string({ error: "Summarise what it said" })
    .trim()
    .min(1, "Summarise what it said")
    .max(5000, "The summary must be 5,000 characters or fewer"),
  applicationId: optionalText(36, "Application").refine(
    (v) => v === undefined || isId(v),
    "Choose one of the applicant's applications",
  ),
  file: UploadFileSchema.optional(),
});
export type CorrespondenceInput = Optional<
  z.infer<typeof CorrespondenceSchema>,
  "applicationId" | "file"
>;
