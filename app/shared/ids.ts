import { z } from "zod";

/**
 * The one id schema: every row is keyed by a UUID, and a path or form id that is not one
 * is a page that does not exist (404), never a database error.
 */
export const IdSchema = z.guid({ message: "That is not a valid reference." });

/** Whether `value` is an id of ours (a UUID, any version, either case). */
export function isId(value: unknown): value is string {
  return typeof value === "string" && IdSchema.safeParse(value).success;
}
