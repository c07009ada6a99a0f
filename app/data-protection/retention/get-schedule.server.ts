import type { Acting } from "~/access/acting";
import type { Tx } from "~/db/database.server";
import { requireController } from "../controller";
import { RECORD_CLASS_DEFINITIONS } from "./classes";
import { ensureSchedule } from "./ensure-schedule.server";

/** The officer's organisation's schedule, each line with what its class means. */
export async function getSchedule(tx: Tx, acting: Acting) {
  const organisationId = requireController(acting);
  const { kind, rules } = await ensureSchedule(tx, organisationId);
  return {
    organisationId,
    kind,
    rules: rules.map((r) => ({
      recordClass: r.recordClass,
      definition: RECORD_CLASS_DEFINITIONS[r.recordClass],
      periodMonths: r.periodMonths,
      action: r.action,
      reason: r.reason,
      version: r.version,
      updatedOn: r.updatedAt.toISOString().slice(0, 10),
    })),
  };
}
