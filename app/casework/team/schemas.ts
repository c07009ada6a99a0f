import { z } from "zod";
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
