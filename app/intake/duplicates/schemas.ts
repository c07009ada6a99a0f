import { z } from "zod";
import { isId } from "~/shared/ids";
import { CLOSED_REASONS, STATE_LABELS } from "../transitions";

const id = (message: string) => z.string({ error: message }).refine(isId, message);

/** Links this application to another: a re-application or a co-defendant's. */
export const LinkSchema = z.object({
  intent: z.literal("link"),
  kind: z.enum(["re_application", "co_defendant"], { error: "Choose how they are linked" }),
  linkedApplicationId: id("Choose the application to link to"),
});

export const UnlinkSchema = z.object({
  intent: z.literal("unlink"),
  linkId: id("Choose the link to remove"),
});

/** Merges this application's applicant with another found to be the same person. */
export const MergeSchema = z
  .object({
    intent: z.literal("merge"),
    otherApplicantId: id("Choose the person to merge with"),
    keep: z.enum(["this", "other"], { error: "Choose which record to keep" }),
    confirm: z.literal("yes", { error: "Confirm that these are the same person" }).optional(),
  })
  .refine((v) => v.confirm === "yes", {
    path: ["confirm"],
    message: "Confirm that these are the same person",
  });

/** The matches page's three forms, told apart by `intent`. */
export const MatchActionSchema = z.discriminatedUnion("intent", [
  LinkSchema,
  UnlinkSchema,
  MergeSchema,
]);

export type MatchAction = z.infer<typeof MatchActionSchema>;

/** "Closed: ineligible", "Ready for assessment". */
export function decisionText(
  state: keyof typeof STATE_LABELS,
  closedReason: keyof typeof CLOSED_REASONS | null,
): string {
  const label = STATE_LABELS[state] ?? state;
  return closedReason ? `${label}: ${CLOSED_REASONS[closedReason].toLowerCase()}` : label;
}
