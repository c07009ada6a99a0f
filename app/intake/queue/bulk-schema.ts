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

const assignShape = {
  ids,
  assigneeId: z
    .string({ error: "Choose who to assign them to" })
    .refine((v) => v === "none" || isId(v), "Choose who to assign them to"),
};

const closingNeedsReason = (
  v: { to: (typeof BULK_TARGET_STATES)[number]; closedReason?: string },
  ctx: z.RefinementCtx,
) => {
  if (v.to === "closed" && !v.closedReason)
    ctx.addIssue({
      code: "custom",
      path: ["closedReason"],
      message: "Choose why they are being closed: withdrawn or duplicate",
    });
};

/** The queue's bulk actions: assign the ticked applications (the form's `assign` intent)... */
export const BulkAssignSchema = z.object(assignShape);

/** ...or move them to a state (its `state` intent). */
export const BulkStateSchema = z
  .object({
    ids,
    to: z.enum(BULK_TARGET_STATES, { error: "Choose the state to move them to" }),
    closedReason: z.enum(["withdrawn", "duplicate"]).optional(),
  })
  .superRefine(closingNeedsReason);
