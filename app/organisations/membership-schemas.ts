import { z } from "zod";
import { EmailSchema } from "~/identity/schemas";
import { IdSchema } from "~/shared/ids";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine(
    (v) => v === undefined || (isoDate.test(v) && !Number.isNaN(Date.parse(v))),
    "Enter a real date, like 2027-06-30",
  );

/** Adding someone to an organisation: an existing account by e-mail, or a new one that is invited. */
export const AddMemberSchema = z.object({
  email: EmailSchema,
  name: z
    .string()
    .trim()
    .max(200, "Name must be 200 characters or fewer")
    .optional()
    .transform((v) => (v ? v : undefined)),
  roleKey: z.string({ error: "Choose a role" }).min(1, "Choose a role"),
  endsOn: optionalDate.refine(
    (v) => v === undefined || v > new Date().toISOString().slice(0, 10),
    "The end date must be in the future",
  ),
});
export type AddMemberInput = z.infer<typeof AddMemberSchema>;

export const EndMembershipSchema = z.object({
  membershipId: IdSchema,
  endsOn: optionalDate,
});
