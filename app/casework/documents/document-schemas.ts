import { z } from "zod";
import { UploadFileSchema } from "~/intake/entry/upload-rules";
import { today } from "~/shared/dates";

/** Adding a document to the case file, with where it came from. The file input comes last. */
export const CaseDocumentSchema = z.object({
  receivedFrom: z
    .string({ error: "Say who the document came from" })
    .trim()
    .min(1, "Say who the document came from")
    .max(300, "Keep who it came from under 300 characters"),
  receivedOn: z.iso
    .date("Enter the date it was received, like 2026-03-14")
    .refine((d) => d <= today(), "The date it was received cannot be in the future"),
  description: z
    .string()
    .trim()
    .max(2000, "Keep the description under 2,000 characters")
    .default(""),
  file: UploadFileSchema,
});
