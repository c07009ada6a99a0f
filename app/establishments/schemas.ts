import { z } from "zod";
import { isRealDate, today } from "~/shared/dates";

export { JURISDICTIONS } from "~/organisations/schemas";

const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/;

/** "l9  7lh" → "L9 7LH". */
export function normalisePostcode(value: string): string {
  const compact = value.replace(/\s+/g, "").toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

/** The establishment form (add and change), used by the browser and the server. */
export const EstablishmentSchema = z.object({
  name: z
    .string({ error: "Enter the establishment's name" })
    .trim()
    .min(1, "Enter the establishment's name")
    .max(200, "Name must be 200 characters or fewer"),
  code: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.toUpperCase() : undefined))
    .refine(
      (v) => v === undefined || /^[A-Z0-9]{1,10}$/.test(v),
      "The code is up to 10 letters and numbers, like AC",
    ),
  /** One line of the address a line, without the establishment's name or the postcode. */
  addressLines: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .refine((lines) => lines.length <= 6, "Give the address in 6 lines or fewer")
    .refine(
      (lines) => lines.every((l) => l.length <= 100),
      "Each line of the address must be 100 characters or fewer",
    ),
  postcode: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? normalisePostcode(v) : undefined))
    .refine((v) => v === undefined || UK_POSTCODE.test(v), "Enter a real postcode, like L9 7LH"),
  jurisdiction: z.enum(["england_wales", "scotland", "northern_ireland"], {
    error: "Choose the jurisdiction the establishment is in",
  }),
  version: z.coerce.number().int().optional(),
});

export type EstablishmentInput = z.infer<typeof EstablishmentSchema>;

/** Closing an establishment: the day it closed. */
export const CloseEstablishmentSchema = z.object({
  closedOn: z
    .string({ error: "Enter the date the establishment closed" })
    .trim()
    .min(1, "Enter the date the establishment closed")
    .refine(isRealDate, "Enter the closing date as a real date, like 2026-03-31")
    .refine((v) => v <= today(), "The closing date cannot be in the future"),
  version: z.coerce.number().int().optional(),
});

export const ESTABLISHMENT_STATUSES = ["open", "closed", "all"] as const;
export type EstablishmentStatusFilter = (typeof ESTABLISHMENT_STATUSES)[number];
