import { z } from "zod";
import { EmailSchema } from "~/identity/schemas";
import { AddMemberSchema } from "~/organisations/membership-schemas";
import { isRealDate } from "~/shared/dates";
import { IdSchema } from "~/shared/ids";

/** The forms of a case's team page: one schema each (Conform, browser and server). */

export const AssignTeamMemberSchema = z.object({
  intent: z.literal("assign"),
  userId: z.string({ error: "Choose who joins the team" }).pipe(IdSchema),
  endsOn: z
    .string({ error: "Enter the day they leave the case" })
    .trim()
    .refine(isRealDate, "Enter a real date, for example 2027-08-31"),
});

export const RemoveTeamMemberSchema = z.object({
  intent: z.literal("remove"),
  memberId: z.string({ error: "Choose who leaves the team" }).pipe(IdSchema),
});

/**
 * Bringing a caseworker onto the case from its team page: someone already in the project by
 * e-mail, or someone new, who is invited to Clearname as the project's caseworker.
 */
export const InviteToCaseSchema = z.object({
  intent: z.literal("invite"),
  email: EmailSchema,
  name: AddMemberSchema.shape.name,
  endsOn: AssignTeamMemberSchema.shape.endsOn,
});
