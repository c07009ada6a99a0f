/**
 * What a correction of a case-file entry changed, for the audit trail: each field whose value
 * differs, with its value before and after. Used by the corrections of time entries, reviews,
 * papers and correspondence (it lives here only because the time log was corrected first).
 */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    if (to !== undefined && before[key] !== to) changes[key] = { from: before[key], to };
  }
  return changes;
}
