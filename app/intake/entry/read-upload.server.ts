import {
  FormDataParseError,
  MaxFileSizeExceededError,
  MaxFilesExceededError,
  MaxPartsExceededError,
  MaxTotalSizeExceededError,
  parseFormData,
} from "@remix-run/form-data-parser";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL } from "./upload-rules";

export type UploadRead = { ok: true; formData: FormData } | { ok: false; message: string };

/**
 * Reads an upload form as it streams in, one file at most, stopping as soon as a part goes
 * past the size limit, so an oversized file is never held whole. Nothing is stored here:
 * the caller checks the content and decides.
 */
export async function readUploadForm(
  request: Request,
  maxFileSize = MAX_UPLOAD_BYTES,
): Promise<UploadRead> {
  try {
    const formData = await parseFormData(
      request,
      { maxFileSize, maxFiles: 1, maxParts: 30, maxTotalSize: maxFileSize + 1024 * 1024 },
      (file) => file,
    );
    return { ok: true, formData };
  } catch (error) {
    if (error instanceof MaxFileSizeExceededError || error instanceof MaxTotalSizeExceededError) {
      return {
        ok: false,
        message: `The file must be ${maxFileSize === MAX_UPLOAD_BYTES ? MAX_UPLOAD_LABEL : `${maxFileSize} bytes`} or smaller: nothing was saved. Scan it at a lower resolution or in parts.`,
      };
    }
    if (error instanceof MaxFilesExceededError)
      return { ok: false, message: "Upload one file at a time: nothing was saved." };
    if (error instanceof MaxPartsExceededError || error instanceof FormDataParseError) {
      return {
        ok: false,
        message: "The upload could not be read: nothing was saved. Choose the file and try again.",
      };
    }
    throw error;
  }
}
