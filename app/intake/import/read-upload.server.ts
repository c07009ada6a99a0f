import {
  FormDataParseError,
  MaxFileSizeExceededError,
  MaxFilesExceededError,
  MaxPartsExceededError,
  MaxTotalSizeExceededError,
  parseFormData,
} from "@remix-run/form-data-parser";
import { MAX_IMPORT_MB } from "./upload-schema";

/**
 * Reads the upload form as it streams in, stopping as soon as the file goes past the limit.
 * The parser keeps a file's bytes in memory, so the limit is also the memory an upload takes.
 */
export async function readImportUpload(
  request: Request,
): Promise<{ ok: true; formData: FormData } | { ok: false; message: string }> {
  const maxFileSize = MAX_IMPORT_MB * 1024 * 1024;
  try {
    const formData = await parseFormData(
      request,
      { maxFileSize, maxFiles: 1, maxParts: 10, maxTotalSize: maxFileSize + 1024 * 1024 },
      (file) => file,
    );
    return { ok: true, formData };
  } catch (error) {
    if (error instanceof MaxFileSizeExceededError || error instanceof MaxTotalSizeExceededError)
      return {
        ok: false,
        message: `The file must be ${MAX_IMPORT_MB} MB or smaller: split the spreadsheet and import each part.`,
      };
    if (
      error instanceof MaxFilesExceededError ||
      error instanceof MaxPartsExceededError ||
      error instanceof FormDataParseError
    )
      return { ok: false, message: "The upload could not be read. Choose the file and try again." };
    throw error;
  }
}
