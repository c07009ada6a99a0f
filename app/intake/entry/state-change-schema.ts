import { z } from "zod";
import { APPLICATION_STATES } from "~/db/schema/intake";
import { isRealDate } from "~/shared/dates";

/** The state-change form on an application's page. */
export const StateChangeSchema = z
  .object({
    to: z.enum(APPLICATION_STATES, { error: "Choose the state to move it to" }),
    closedReason: z
      .enum(["withdrawn", "duplicate"], { error: "Choose why it is being closed" })
      .optional(),
    chaseOn: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || isRealDate(v), "The chase date must be a real date"),
  })
  .superRefine((v, ctx) => {
    if (v.to === "closed" && !v.closedReason)
      ctx.addIssue({
        code: "custom",
        path: ["closedReason"],
        message: "Choose why it is being closed: withdrawn or duplicate",
      });
    if (v.to !== "closed" && v.closedReason)
      ctx.addIssue({
        code: "custom",
        path: ["closedReason"],
        message: "Give a reason only when closing the application",
      });
    if (v.chaseOn && v.to !== "awaiting_information")
      ctx.addIssue({
        code: "custom",
        path: ["chaseOn"],
        message: "Give a chase date only when waiting for information",
      });
  });
