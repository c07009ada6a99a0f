import { z } from "zod";
import { RELEASED } from "~/intake/applicants/schemas";
import { isRealDate, today } from "~/shared/dates";
import { isId } from "~/shared/ids";

/**
 * A client's move, recorded on the case: the establishment they were moved to, or released
 * with the address to write to, and from when.
 */
export const ClientMoveSchema = z
  .object({
    establishmentId: z
      .string({ error: "Choose where they are now" })
      .trim()
      .min(1, "Choose where they are now")
      .refine((v) => v === RELEASED || isId(v), "Choose an establishment from the list"),
    postalAddress: z
      .string()
      .trim()
      .max(500, "The address must be 500 characters or fewer")
      .optional()
      .transform((v) => (v ? v : undefined)),
    fromDate: z
      .string({ error: "Enter the date they moved" })
      .trim()
      .min(1, "Enter the date they moved")
      .refine(isRealDate, "The date they moved must be a real date, like 2026-11-23")
      .refine((v) => !isRealDate(v) || v <= today(), "The date they moved cannot be in the future"),
    version: z.coerce.number().int(),
  })
  .superRefine((v, ctx) => {
    if (v.establishmentId === RELEASED && !v.postalAddress)
      ctx.addIssue({
        code: "custom",
        path: ["postalAddress"],
        message: "Enter the address to write to now they are released",
      });
  });
export type ClientMoveInput = z.infer<typeof ClientMoveSchema>;
