import { z } from "zod";
import { isRealDate, today } from "~/shared/dates";

/**
 * The forms of the project's pages (offers, cases) and of closing a project: one schema
 * each, used by the page (Conform, in the browser and on the server).
 */

const reason = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(5000, "Keep it to 5,000 characters or fewer");

export const AcceptOfferSchema = z.object({
  confirm: z.literal("yes", {
    error: "Confirm that your project takes on this case",
  }),
});

export const DeclineOfferSchema = z.object({
  reason: reason("Say why your project declines this case"),
});

export const HandBackSchema = z.object({
  reason: reason("Say why the case is handed back"),
});

export const HandoverNoteSchema = z.object({
  note: reason("Write the handover note").max(20000, "Keep it to 20,000 characters or fewer"),
});

/**
 * Closing a project. `needNotes` are the open cases without a handover note from their lead:
 * each needs one here (checked on the field itself, so every missing note is reported with
 * the other errors). closeProject checks the same again, in case a note went missing after
 * the page was shown.
 */
export function closureSchema(needNotes: readonly { id: string; reference: string }[]) {
  const TOO_LONG = "Keep each note to 20,000 characters or fewer";
  const note = z.string().trim().max(20000, TOO_LONG);
  const required = Object.fromEntries(
    needNotes.map((c) => {
      const message = `Write the handover note for ${c.reference}`;
      return [c.id, z.string({ error: message }).trim().min(1, message).max(20000, TOO_LONG)];
    }),
  );
  return z.object({
    closedOn: z
      .string({ error: "Enter the closing date" })
      .refine(isRealDate, "Enter a real date, for example 2026-07-31")
      .refine((d) => d <= today(), "The closing date cannot be in the future"),
    notes: z.object(required).catchall(note.optional()).prefault({}),
    confirm: z.literal("yes", {
      error: "Confirm that the project closes and its cases return to the network",
    }),
  });
}
