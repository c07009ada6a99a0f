import { z } from "zod";

/** The passages to remove from a case PDF, one a line, as they appear in its text. */
export const RedactSchema = z.object({
  passages: z
    .string({ error: "Enter the passages to remove, one a line" })
    .transform((typed) =>
      typed
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z
            .string()
            .min(2, "Each passage needs 2 characters or more")
            .max(300, "Keep each passage under 300 characters"),
        )
        .min(1, "Enter the passages to remove, one a line")
        .max(50, "Remove at most 50 passages at a time"),
    ),
});
