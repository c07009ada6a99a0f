import { z } from "zod";
import { UploadFileSchema } from "./upload-rules";

/** Adding a scan to an application. */
export const UploadDocumentSchema = z.object({
  kind: z.enum(["scan", "consent", "letter_in"], { error: "Choose what the document is" }),
  file: UploadFileSchema,
});
