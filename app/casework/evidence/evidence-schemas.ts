import { z } from "zod";
import type { evidenceItems } from "~/db/schema/casework";
import { IdSchema, isId } from "~/shared/ids";

/** As in the schema; repeated here so the browser bundle does not pull in drizzle. */
export const EVIDENCE_KIND_LABELS = {
  witness_testimony: "Witness testimony",
  identification: "Identification",
  confession: "Confession",
  forensic: "Forensic",
  expert: "Expert",
  documentary: "Documentary",
  digital: "Digital",
  informant: "Informant",
  other: "Other",
} as const satisfies Record<(typeof evidenceItems.$inferSelect)["kind"], string>;

const KINDS = Object.keys(EVIDENCE_KIND_LABELS) as [keyof typeof EVIDENCE_KIND_LABELS];

export const USED_AT_TRIAL_LABELS = { yes: "Yes", no: "No", unknown: "Not known" } as const;

/**
 * An item of the evidence register, new (no id) or edited (id and the version it was read
 * at). Fallibility codes are checked against the causes taxonomy on the server.
 */
export const EvidenceSchema = z.object({
  id: IdSchema.optional(),
  version: z.coerce.number().int().min(1).optional(),
  kind: z.enum(KINDS, { error: "Choose the kind of evidence" }),
  description: z
    .string({ error: "Describe the evidence" })
    .trim()
    .min(1, "Describe the evidence")
    .max(4000, "Keep the description under 4,000 characters"),
  source: z.string().trim().max(1000, "Keep the source under 1,000 characters").default(""),
  usedAtTrial: z.enum(["yes", "no", "unknown"], { error: "Say whether it was used at trial" }),
  howChallenged: z
    .string()
    .trim()
    .max(4000, "Keep how it was challenged under 4,000 characters")
    .default(""),
  fallibility: z.array(z.string().trim().min(1).max(100)).max(30).default([]),
  lineId: z.string().refine(isId, "Choose a line of investigation").optional(),
  documentId: z.string().refine(isId, "Choose a document").optional(),
});

export type EvidenceInput = z.infer<typeof EvidenceSchema>;
