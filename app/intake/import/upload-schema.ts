import { z } from "zod";

export const MAX_IMPORT_MB = 100;

/** The upload form: one spreadsheet. Its content is checked on the server, not its name. */
export const UploadImportSchema = z.object({
  file: z
    .instanceof(File, { error: "Choose a CSV or Excel file to upload" })
    .refine((f) => f.size > 0, "Choose a CSV or Excel file to upload")
    .refine(
      (f) => f.size <= MAX_IMPORT_MB * 1024 * 1024,
      `The file must be ${MAX_IMPORT_MB} MB or smaller`,
    ),
});

/**
 * The reply an upload form gets when the server refused the file. (An `initialValue` of null
 * would tell Conform to reset the form, dropping the error in the browser.)
 */
export function refusedImport(message: string) {
  return {
    status: "error" as const,
    initialValue: {},
    error: { file: [message] },
    state: { validated: { file: true } },
  };
}

/** The import page's choice of how to treat rows with problems. */
export const ImportModeSchema = z.object({
  mode: z.enum(["all_or_nothing", "valid_only"], {
    error: "Choose how to import: all or nothing, or valid rows only",
  }),
});

/** The import page's "check the file again" button: nothing but the intent. */
export const CheckAgainSchema = z.object({});
