import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { MAX_FIELD_LENGTH, normaliseFormData } from "~/shared/normalise-input";

/**
 * For the two intake forms not yet on the form-action pipeline (the first page of postal
 * entry and the correspondence upload): their input normalised and parsed as the pipeline
 * does it, with the field errors of values over the length cap, if any.
 */
export function parseNormalised<Schema extends z.ZodType>(raw: FormData, schema: Schema) {
  const { formData, tooLong } = normaliseFormData(raw);
  const submission = parseWithZod(formData, { schema });
  const message = `Use at most ${MAX_FIELD_LENGTH.toLocaleString("en-GB")} characters.`;
  const tooLongErrors =
    tooLong.length > 0 ? Object.fromEntries(tooLong.map((t) => [t.name, [message]])) : null;
  return { formData, submission, tooLongErrors };
}
