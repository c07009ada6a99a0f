import {
  MaxFileSizeExceededError,
  MaxPartsExceededError,
  MaxTotalSizeExceededError,
  MultipartParseError,
  parseMultipartRequest,
} from "@remix-run/multipart-parser";
import { invalid } from "~/errors/app-error";

import { MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL } from "./upload-rules";

export type UploadRead =
  | { ok: true; formData: FormData }
  /** `fields`: the text fields read before the upload was refused, to give back to the form. */
  | { ok: false; message: string; fields: Record<string, string> };

/**
 * Reads an upload form as it streams in, one file at most, stopping as soon as a part goes
 * past the size limit, so an oversized file is never held whole. Nothing is stored here:
 * the caller checks the content and decides. The forms put their file input last, so when a
 * file is refused everything typed above it has been read and is handed back.
 */
export async function readUploadForm(
  request: Request,
  maxFileSize = MAX_UPLOAD_BYTES,
): Promise<UploadRead> {
  const formData = new FormData();
  const fields: Record<string, string> = {};
  let files = 0;
  const refuse = (message: string): UploadRead => ({ ok: false, message, fields });
  try {
    for await (const part of parseMultipartRequest(request, {
      maxFileSize,
      maxParts: 30,
      maxTotalSize: maxFileSize + 1024 * 1024,
    })) {
      if (!part.name) continue;
      if (part.isFile) {
        if (part.filename === "" && part.size === 0) continue;
        files += 1;
        if (files > 1) return refuse("Upload one file at a time: nothing was saved.");
        formData.append(
          part.name,
          new File([part.bytes as Uint8Array<ArrayBuffer>], part.filename ?? "upload", {
            type: part.mediaType ?? "application/octet-stream",
          }),
        );
      } else {
        fields[part.name] = part.text;
        formData.append(part.name, part.text);
      }
    }
    return { ok: true, formData };
  } catch (error) {
    if (error instanceof MaxFileSizeExceededError || error instanceof MaxTotalSizeExceededError)
      return refuse(
        `The file must be ${maxFileSize === MAX_UPLOAD_BYTES ? MAX_UPLOAD_LABEL : `${maxFileSize} bytes`} or smaller: nothing was saved. Scan it at a lower resolution or in parts.`,
      );
    if (error instanceof MaxPartsExceededError || error instanceof MultipartParseError)
      return refuse(
        "The upload could not be read: nothing was saved. Choose the file and try again.",
      );
    throw error;
  }
}

/**
 * `readUploadForm` as the form pipeline's `readForm`: a refused upload is a field error on the
 * file, and the text fields read before it go back to the form as what was typed.
 */
export async function readUploadOrRefuse(request: Request): Promise<FormData> {
  const read = await readUploadForm(request);
  if (!read.ok) throw invalid(read.message, { field: "file", typed: read.fields });
  return read.formData;
}
