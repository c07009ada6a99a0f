import { z } from "zod";

/**
 * The assessment reference lists an administrator keeps, and their forms: one schema per
 * form, used by the page (Conform, in the browser and on the server) and by the server
 * functions. The list's segment in the address names it.
 */
export const LISTS = {
  "suspected-causes": {
    title: "Suspected causes",
    singular: "suspected cause",
    aSingular: "a suspected cause",
    hint: "What may have led to the wrongful conviction; assessors tick these.",
  },
  "investigation-categories": {
    title: "Investigation categories",
    singular: "investigation category",
    aSingular: "an investigation category",
    hint: "The kinds of line of investigation an assessment identifies.",
  },
  "ineligibility-reasons": {
    title: "Ineligibility reasons",
    singular: "ineligibility reason",
    aSingular: "an ineligibility reason",
    hint: "Why an application is ineligible, with the paragraph the decision letter gives.",
  },
} as const;
export type ListName = keyof typeof LISTS;
export const LIST_NAMES = Object.keys(LISTS) as ListName[];

export function isListName(value: string | undefined): value is ListName {
  return LIST_NAMES.includes(value as ListName);
}

const label = z
  .string({ error: "Enter the label" })
  .trim()
  .min(1, "Enter the label")
  .max(120, "The label must be 120 characters or fewer")
  .refine((v) => /[\p{L}\p{N}]/u.test(v), "The label needs at least one letter or digit");

/** Set on the edit form: what the entry was when the page was opened (see entryStamp). */
const stamp = z.string().max(100).optional();

export const SuspectedCauseSchema = z.object({
  label,
  description: z
    .string()
    .trim()
    .max(2_000, "The description must be 2,000 characters or fewer")
    .optional()
    .transform((v) => v ?? ""),
  stamp,
});

export const InvestigationCategorySchema = z.object({ label, stamp });

export const IneligibilityReasonSchema = z.object({
  label,
  letterText: z
    .string({ error: "Enter what the decision letter says for this reason" })
    .trim()
    .min(1, "Enter what the decision letter says for this reason")
    .max(5_000, "The letter text must be 5,000 characters or fewer"),
  requiresReview: z
    .enum(["yes", "no"], { error: "Choose whether a second reviewer must agree" })
    .transform((v) => v === "yes"),
  stamp,
});

export const ENTRY_SCHEMAS = {
  "suspected-causes": SuspectedCauseSchema,
  "investigation-categories": InvestigationCategorySchema,
  "ineligibility-reasons": IneligibilityReasonSchema,
} as const;

/** Any list's entry, as its form gives it. */
export interface EntryInput {
  label: string;
  description?: string;
  letterText?: string;
  requiresReview?: boolean;
  stamp?: string;
}

/** Deactivating, reactivating or moving one entry: a button on the lists page. */
export const EntryActionSchema = z.object({
  intent: z.enum(["deactivate", "reactivate", "up", "down"], { error: "Choose what to do" }),
  list: z.enum(LIST_NAMES as [ListName, ...ListName[]], { error: "Choose a list" }),
  key: z.string({ error: "Choose an entry" }).min(1).max(100),
});

/** Whether eligible recommendations go to a second reviewer. */
export const ReviewSettingSchema = z.object({
  eligibleRequiresReview: z
    .enum(["yes", "no"], { error: "Choose whether eligible recommendations need a second review" })
    .transform((v) => v === "yes"),
});

/**
 * The key of a new entry, from its label: lower-case ASCII letters and digits joined by
 * underscores ("Mistaken witness identification" → "mistaken_witness_identification").
 */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60)
    .replace(/_+$/g, "");
}
