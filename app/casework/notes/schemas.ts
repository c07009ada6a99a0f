import { z } from "zod";
import { IdSchema } from "~/shared/ids";

/** Adding a case note; "needs sign-off" for anything that will leave the project. */
export const NoteSchema = z.object({
  body: z
    .string({ error: "Write the note" })
    .trim()
    .min(1, "Write the note")
    .max(20_000, "The note must be 20,000 characters or fewer"),
  needsSignOff: z
    .union([z.literal("on"), z.literal("true"), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
});

/** Changing a note that has not been signed off. */
export const EditNoteSchema = z.object({
  noteId: z.string({ error: "The note was not found: reload the page" }).pipe(IdSchema),
  body: NoteSchema.shape.body,
});

/** A lead signing a note off. */
export const SignOffSchema = z.object({
  noteId: z.string({ error: "The note was not found: reload the page" }).pipe(IdSchema),
});
