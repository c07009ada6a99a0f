import { z } from "zod";
import { isRealDate, today } from "~/shared/dates";
import { isId } from "~/shared/ids";

export const CORRESPONDENCE_KINDS = ["letter", "call", "email", "visit"] as const;
export const KIND_LABELS: Record<(typeof CORRESPONDENCE_KINDS)[number], string> = {
  letter: "Letter",
  call: "Telephone call",
  email: "E-mail",
  visit: "Visit",
};
/** How `party` stores the client; a third party is stored by name. */
export const CLIENT_PARTY = "client";

const withWhom = z.enum(["client", "third_party"], {
  error: "Say whether it was with the client or a third party",
});
const thirdParty = z
  .string()
  .trim()
  .max(300, "The third party must be 300 characters or fewer")
  .optional()
  .transform((v) => v ?? "");
const occurredOn = z
  .string({ error: "Enter the date" })
  .trim()
  .min(1, "Enter the date")
  .refine(isRealDate, "The date must be a real date, like 2026-11-23")
  .refine((v) => !isRealDate(v) || v <= today(), "The date cannot be in the future");
const summary = z
  .string({ error: "Summarise what was said" })
  .trim()
  .min(1, "Summarise what was said")
  .max(20_000, "The summary must be 20,000 characters or fewer");

/**
 * Recording correspondence. A progress letter is a letter sent to the client, and sending one
 * moves the next one 3 months on.
 */
export const CorrespondenceSchema = z
  .object({
    direction: z.enum(["in", "out"], { error: "Say whether it was sent or received" }),
    kind: z.enum(CORRESPONDENCE_KINDS, { error: "Choose letter, call, e-mail or visit" }),
    withWhom,
    thirdParty,
    occurredOn,
    summary,
    isProgressLetter: z
      .union([z.literal("on"), z.literal("true"), z.boolean()])
      .optional()
      .transform((v) => v === true || v === "on" || v === "true"),
    documentId: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || isId(v), "Choose a document"),
  })
  .superRefine((v, ctx) => {
    if (v.withWhom === "third_party" && !v.thirdParty)
      ctx.addIssue({ code: "custom", path: ["thirdParty"], message: "Name the third party" });
    if (
      v.isProgressLetter &&
      (v.direction !== "out" || v.kind !== "letter" || v.withWhom !== "client")
    )
      ctx.addIssue({
        code: "custom",
        path: ["isProgressLetter"],
        message: "A progress letter is a letter sent to the client",
      });
  });
export type CorrespondenceInput = z.infer<typeof CorrespondenceSchema>;

/**
 * Correcting recorded correspondence: with whom, the date and the summary. Whether it was a
 * progress letter, and what it was, are not corrected here (a progress letter stays a letter
 * to the client; the server refuses moving it to a third party).
 */
export const CorrectCorrespondenceSchema = z
  .object({ withWhom, thirdParty, occurredOn, summary })
  .superRefine((v, ctx) => {
    if (v.withWhom === "third_party" && !v.thirdParty)
      ctx.addIssue({ code: "custom", path: ["thirdParty"], message: "Name the third party" });
  });
export type CorrectCorrespondenceInput = z.infer<typeof CorrectCorrespondenceSchema>;
