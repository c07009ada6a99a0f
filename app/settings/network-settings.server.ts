import { eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Queryable, queryRows } from "~/db/database.server";
import { settings } from "~/db/schema";
import { forbidden } from "~/errors/app-error";
import { acknowledgementTargetDays } from "~/intake/settings.server";
import { DEFAULT_STALE_CASE_DAYS, type SettingsInput } from "./schemas";

/** The keys of the `settings` table this module keeps. */
export const SETTING_KEYS = {
  acknowledgementTargetDays: "acknowledgement_target_working_days",
  returnAddress: "letter_return_address",
  staleCaseDays: "stale_case_days",
} as const;

export interface NetworkSettings {
  acknowledgementTargetDays: number;
  /** Where applicants write back to: printed on letters and the blank questionnaire. */
  returnAddress: string[];
}

function asLines(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((l): l is string => typeof l === "string") : [];
}

export async function getNetworkSettings(tx: Queryable): Promise<NetworkSettings> {
  const [address] = await tx
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, SETTING_KEYS.returnAddress));
  return {
    acknowledgementTargetDays: await acknowledgementTargetDays(tx),
    returnAddress: asLines(address?.value),
  };
}

/** After how many days without recorded activity a project's case counts as quiet. */
export async function staleCaseDays(tx: Queryable): Promise<number> {
  const [row] = await tx
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, SETTING_KEYS.staleCaseDays));
  const n = Number(row?.value);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_STALE_CASE_DAYS;
}

/** The network's name, as letters print it. */
export async function networkName(tx: Queryable): Promise<string> {
  const [row] = await queryRows<{ name: string | null }>(
    tx,
    sql`select name from organisations where id = app_network_id()`,
  );
  return row?.name ?? "The network";
}

/**
 * Saves the network's settings and audits each one that changed, with its old and new value.
 * A new acknowledgement target applies to applications recorded from now on; the due dates
 * already set are left as they are.
 */
export async function updateNetworkSettings(
  tx: Queryable,
  acting: Acting,
  input: SettingsInput,
): Promise<{ changed: string[] }> {
  if (!can(acting.viewer, "manage:settings:any"))
    throw forbidden("Only the network's administrators can change its settings.");
  const before = await getNetworkSettings(tx);
  const next: Record<string, { from: unknown; to: unknown }> = {
    [SETTING_KEYS.acknowledgementTargetDays]: {
      from: before.acknowledgementTargetDays,
      to: input.acknowledgementTargetDays,
    },
    [SETTING_KEYS.returnAddress]: { from: before.returnAddress, to: input.returnAddress },
  };
  if (input.staleCaseDays !== undefined)
    next[SETTING_KEYS.staleCaseDays] = { from: await staleCaseDays(tx), to: input.staleCaseDays };
  const changed = Object.entries(next).filter(
    ([, v]) => JSON.stringify(v.from) !== JSON.stringify(v.to),
  );
  if (changed.length === 0) return { changed: [] };
  const now = new Date();
  for (const [key, v] of changed) {
    await tx
      .insert(settings)
      .values({ key, value: v.to, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: v.to, updatedAt: now } });
    await recordAuditEvent(tx, actorOf(acting), {
      action: "settings.changed",
      entityType: "setting",
      entityId: key,
      details: { from: v.from, to: v.to },
    });
  }
  return { changed: changed.map(([key]) => key) };
}
