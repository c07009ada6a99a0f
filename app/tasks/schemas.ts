import { z } from "zod";
import { isRealDate, today } from "~/shared/dates";
import { IdSchema } from "~/shared/ids";

/** Setting a task for a colleague: who, what to do, and by when (today or later). */
export const TaskSchema = z.object({
  assigneeId: z
    .string({ error: "Choose who the task is for" })
    .trim()
    .min(1, "Choose who the task is for")
    .pipe(IdSchema),
  what: z
    .string({ error: "Say what is to be done" })
    .trim()
    .min(1, "Say what is to be done")
    .max(1_000, "What is to be done must be 1,000 characters or fewer"),
  dueOn: z
    .string({ error: "Enter the date it is due" })
    .trim()
    .min(1, "Enter the date it is due")
    .refine(isRealDate, "The due date must be a real date, like 2026-12-23")
    .refine((v) => !isRealDate(v) || v >= today(), "The due date cannot be in the past"),
});
export type TaskInput = z.infer<typeof TaskSchema>;

/** Marking a task done: which one, and the version the assignee saw. */
export const TaskDoneSchema = z.object({
  taskId: IdSchema,
  version: z.coerce.number().int(),
});
