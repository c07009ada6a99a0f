import { z } from "zod";

const stale = "The form is out of date: reload the page";

/**
 * The progress letter's wording as the page edits it: heading, salutation, each paragraph's
 * heading and text (a list's items one a line), and the sign-off. `basedOn` is the version of
 * the draft the page showed (0: none was saved), so that nobody's changes are overwritten.
 */
export const ProgressLetterSchema = z
  .object({
    basedOn: z.coerce.number({ error: stale }).int({ error: stale }).min(0, { error: stale }),
    heading: z
      .string({ error: "Enter the letter's heading" })
      .trim()
      .min(1, { error: "Enter the letter's heading" })
      .max(300, { error: "Keep the heading under 300 characters" }),
    salutation: z
      .string({ error: "Enter the salutation, such as Dear Mr Reid," })
      .trim()
      .min(1, { error: "Enter the salutation, such as Dear Mr Reid," })
      .max(300, { error: "Keep the salutation under 300 characters" }),
    paragraphs: z
      .array(
        z.object({
          heading: z
            .string()
            .trim()
            .max(300, { error: "Keep a heading under 300 characters" })
            .optional(),
          text: z
            .string()
            .trim()
            .max(10_000, { error: "Keep a paragraph under 10,000 characters" })
            .optional(),
        }),
      )
      .default([]),
    signOff: z
      .string({ error: "Enter the sign-off" })
      .trim()
      .min(1, { error: "Enter the sign-off" })
      .max(1000, { error: "Keep the sign-off under 1,000 characters" }),
  })
  .superRefine((v, ctx) => {
    if (!v.paragraphs.some((p) => p.text))
      ctx.addIssue({
        code: "custom",
        path: ["heading"],
        message: "The letter needs at least one paragraph",
      });
  });

export type ProgressLetterInput = z.output<typeof ProgressLetterSchema>;

/** "Start again from the case's record": the draft's version, so that only what was seen goes. */
export const DiscardProgressLetterSchema = z.object({
  basedOn: z.coerce.number({ error: stale }).int({ error: stale }).min(1, { error: stale }),
});
