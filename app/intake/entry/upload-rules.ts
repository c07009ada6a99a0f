import { z } from "zod";

/** The largest scan accepted, per file. The multipart parser stops reading past it. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const MAX_UPLOAD_LABEL = "20 MB";

/** What a scan may be, by its content (file-type), never by its name. */
export const ACCEPTED_MEDIA_TYPES = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG",
  "image/png": "PNG",
} as const;
export type AcceptedMediaType = keyof typeof ACCEPTED_MEDIA_TYPES;

export const ACCEPT_ATTRIBUTE = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

export const WRONG_TYPE_MESSAGE = "The file must be a PDF, JPEG or PNG";

/**
 * The chosen file, checked in the browser before it is sent (size, and the type the browser
 * guessed from the name) and again on the server, where the content decides.
 */
export const UploadFileSchema = z
  .instanceof(File, { message: "Choose the file to upload" })
  .refine((f) => f.size > 0, "The file is empty: choose the scanned file again")
  .refine(
    (f) => f.size <= MAX_UPLOAD_BYTES,
    `The file must be ${MAX_UPLOAD_LABEL} or smaller: scan it at a lower resolution or in parts`,
  )
  .refine(
    (f) => f.type === "" || f.type in ACCEPTED_MEDIA_TYPES || f.type === "application/octet-stream",
    WRONG_TYPE_MESSAGE,
  );

export const DOCUMENT_KINDS = {
  scan: "Scanned application or papers",
  consent: "Signed consent or form of authority",
  letter_in: "Letter from the applicant or on their behalf",
} as const;
export type UploadKind = keyof typeof DOCUMENT_KINDS;

export const ALL_DOCUMENT_KIND_LABELS: Record<string, string> = {
  ...DOCUMENT_KINDS,
  letter_out: "Letter sent",
  questionnaire: "Questionnaire",
  case_file: "From a project's case file",
};
