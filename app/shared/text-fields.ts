import { z } from "zod";

const capitalised = (label: string) => `${label[0]?.toUpperCase()}${label.slice(1)}`;

/** A text field that must be filled in, trimmed, at most `max` characters. */
export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${capitalised(label)} must be ${max.toLocaleString("en-GB")} characters or fewer`);

/** A text field that may be left empty (read as ""), trimmed, at most `max` characters. */
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .optional()
    .transform((v) => v ?? "");
