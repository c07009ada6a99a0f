import { z } from "zod";
import { isRealDate, today } from "~/shared/dates";
import { isId } from "~/shared/ids";
import {
  isDigitsOnlyPrisonerNumber,
  isEnglandWalesPrisonerNumber,
  normalisePrisonerNumber,
} from "./prisoner-number";

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : undefined));

/** The applicant's personal details: the first section of every form and import. */
export const ApplicantSchema = z.object({
  fullName: z
    .string({ error: "Enter the applicant's full name" })
    .trim()
    .min(1, "Enter the applicant's full name")
    .max(200, "Full name must be 200 characters or fewer"),
  /** One alias a line. */
  aliases: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(/\r?\n|;/)
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .refine(
      (a) => a.length <= 20 && a.every((x) => x.length <= 200),
      "Give at most 20 other names, each under 200 characters",
    ),
  dateOfBirth: optionalText(10, "Date of birth")
    .refine(
      (v) => v === undefined || isRealDate(v),
      "Date of birth must be a real date, like 1980-05-17",
    )
    .refine((v) => v === undefined || v <= today(), "Date of birth cannot be in the future")
    .refine((v) => v === undefined || v >= "1900-01-01", "Date of birth must be after 1900"),
  prisonerNumber: optionalText(20, "Prisoner number")
    .transform((v) => (v ? normalisePrisonerNumber(v) : undefined))
    .refine(
      (v) => v === undefined || isEnglandWalesPrisonerNumber(v) || !isDigitsOnlyPrisonerNumber(v),
      "Enter an England and Wales prisoner number like A1234BC here; a number of digits only, as Scottish and Northern Ireland prisons give, goes under 'other prisoner number'",
    )
    .refine(
      (v) => v === undefined || isEnglandWalesPrisonerNumber(v) || isDigitsOnlyPrisonerNumber(v),
      "Enter an England and Wales prisoner number like A1234BC, or put other numbers under 'other prisoner number'",
    ),
  otherPrisonerNumber: optionalText(50, "Other prisoner number"),
  establishmentId: optionalText(36, "Establishment").refine(
    (v) => v === undefined || isId(v),
    "Choose an establishment from the list",
  ),
  postalAddress: optionalText(500, "Postal address"),
  largePrint: z
    .union([z.literal("on"), z.literal("true"), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
  language: optionalText(50, "Language"),
  legalCorrespondence: z
    .union([z.literal("yes"), z.literal("no")])
    .optional()
    .transform((v) => v !== "no"),
});

export type ApplicantInput = z.infer<typeof ApplicantSchema>;
