/** What a task is about: one of the organisation's applications, or one of its cases. */
export type TaskSubject = { kind: "application"; id: string } | { kind: "case"; id: string };

/** The page of the subject's tasks. */
export function tasksPathOf(subject: TaskSubject): string {
  return subject.kind === "case"
    ? `/cases/${subject.id}/tasks`
    : `/applications/${subject.id}/tasks`;
}
