import { z } from "zod";
import { isId } from "~/shared/ids";
import { CLOSED_REASONS, type ClosedReason, INTAKE_CLOSED_REASONS } from "../transitions";

const ids = z
  .array(z.string().refine(isId, "Select applications from the list"))
  .min(1, "Select at least one application")
  .max(200, "Select at most 200 applications at a time");

/** The states intake staff can move applications to by hand (see transitions.ts). */
export const BULK_TARGET_STATES = [
  "acknowledged",
  "awaiting_information",
  "ready_for_assessment",
  "closed",
] as const;

export const INTAKE_CLOSED_REASON_OPTIONS = INTAKE_CLOSED_REASONS.map((value: ClosedReason) => ({
  value,
  label: CLOSED_REASONS[value],
}));

/** The queue's bulk actions: assign the selected applications, or move them to a state. */
export const BulkActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("assign"),
    ids,
    assigneeId: z
      .string({ error: "Choose who to assign them to" })
      .refine((v) => v === "none" || isId(v), "Choose who to assign them to"),
  }),
  z
    .object({
      intent: z.literal("state"),
      ids,
      to: z.enum(BULK_TARGET_STATES, { error: "Choose the state to move them to" }),
      closedReason: z
        .enum(["withdrawn", "duplicate"])
        .optional()
        .or(z.literal("").transform(() => undefined)),
    })
    .superRefine((v, ctx) => {
      if (v.to === "closed" && !v.closedReason)
        ctx.addIssue({
          code: "custom",
          path: ["closedReason"],
          message: "Choose why they are being closed: withdrawn or duplicate",
        });
    }),
]);

export type BulkAction = z.infer<typeof BulkActionSchema>;

/** The form's fields as the schema expects them (the ticked boxes are many `ids`). */
export function bulkInput(formData: FormData): Record<string, unknown> {
  return {
    intent: formData.get("intent"),
    ids: formData.getAll("ids"),
    assigneeId: formData.get("assigneeId") ?? undefined,
    to: formData.get("to") || undefined,
    closedReason: formData.get("closedReason") ?? undefined,
  };
}
