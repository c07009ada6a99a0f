import type { SWEEP_STATUSES } from "~/db/schema/data-protection";

export const SWEEP_STATUS_LABELS: Record<(typeof SWEEP_STATUSES)[number], string> = {
  dry_run: "Dry run: waiting for approval",
  approved: "Approved: about to start",
  running: "Running",
  done: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const ITEM_STATUS_LABELS: Record<string, string> = {
  pending: "Due",
  done: "Done",
  held: "Held",
  skipped: "For review",
  failed: "Kept",
};
