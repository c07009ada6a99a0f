import { z } from "zod";

export const MIN_TARGET_DAYS = 1;
export const MAX_TARGET_DAYS = 60;
export const DEFAULT_STALE_CASE_DAYS = 60;
export const MIN_STALE_CASE_DAYS = 7;
export const MAX_STALE_CASE_DAYS = 365;

/** The network-settings form, used by the browser and the server. */
export const SettingsSchema = z.object({
  acknowledgementTargetDays: z
    .string({ error: "Enter the acknowledgement target in working days" })
    .trim()
    .min(1, "Enter the acknowledgement target in working days")
    .regex(/^\d+$/, "The acknowledgement target must be a whole number of working days")
    .transform(Number)
    .refine(
      (n) => n >= MIN_TARGET_DAYS && n <= MAX_TARGET_DAYS,
      `The acknowledgement target must be between ${MIN_TARGET_DAYS} and ${MAX_TARGET_DAYS} working days`,
    ),
  /** One line of the address a line. */
  returnAddress: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .refine((lines) => lines.length <= 8, "Give the return address in 8 lines or fewer")
    .refine(
      (lines) => lines.every((l) => l.length <= 100),
      "Each line of the return address must be 100 characters or fewer",
    ),
  /**
   * After how many days without recorded activity a project's case is shown to the network
   * as quiet. Left out, the setting stays as it is.
   */
  staleCaseDays: z
    .string()
    .trim()
    .regex(/^\d+$/, "The days without activity must be a whole number")
    .transform(Number)
    .refine(
      (n) => n >= MIN_STALE_CASE_DAYS && n <= MAX_STALE_CASE_DAYS,
      `The days without activity must be between ${MIN_STALE_CASE_DAYS} and ${MAX_STALE_CASE_DAYS}`,
    )
    .optional(),
});

export type SettingsInput = z.infer<typeof SettingsSchema>;
