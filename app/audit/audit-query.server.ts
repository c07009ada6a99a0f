import { and, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { type Queryable, queryRows } from "~/db/database.server";
import { auditEvents } from "~/db/schema";
import { forbidden } from "~/errors/app-error";
import type { AuditFilter } from "./audit-filter";
import type { AuditRow } from "./audit-row";
import { type AuditScope, auditScopeOf } from "./audit-scope";
import { icoCategoryOf } from "./ico-categories";

/** The viewer's reach in the trail, or a refusal if they have none. */
export function requireAuditScope(acting: Acting): AuditScope {
  const scope = auditScopeOf(acting.viewer);
  if (!scope) throw forbidden("Your role does not give you access to the audit trail.");
  return scope;
}

/** The scope as a condition: row-level security applies it too, this keeps the query honest. */
export function scopeCondition(scope: AuditScope): SQL | undefined {
  return scope.all ? undefined : inArray(auditEvents.organisationId, scope.organisationIds);
}

/** The start of a UTC day, and of the day after it. */
const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
const nextDayStart = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

/** The conditions of a filter within the viewer's scope. */
export async function filterConditions(
  tx: Queryable,
  scope: AuditScope,
  filter: AuditFilter,
): Promise<SQL[]> {
  const where: SQL[] = [];
  const inScope = scopeCondition(scope);
  if (inScope) where.push(inScope);
  if (filter.subject) where.push(eq(auditEvents.subjectId, filter.subject));
  if (filter.user) where.push(eq(auditEvents.actorUserId, filter.user));
  if (filter.organisation) where.push(eq(auditEvents.organisationId, filter.organisation));
  if (filter.action) where.push(eq(auditEvents.action, filter.action));
  if (filter.from) where.push(gte(auditEvents.occurredAt, dayStart(filter.from)));
  if (filter.to) where.push(lt(auditEvents.occurredAt, nextDayStart(filter.to)));
  if (filter.kind) {
    // The kind is worked out from the action in code, so it becomes the list of actions of
    // that kind among those the trail holds.
    const present = await queryRows<{ action: string }>(
      tx,
      sql`select distinct action from audit_events`,
    );
    const actions = present.map((r) => r.action).filter((a) => icoCategoryOf(a) === filter.kind);
    where.push(actions.length ? inArray(auditEvents.action, actions) : sql`false`);
  }
  return where;
}

/** Events matching the conditions, newest first, below the cursor; with who acted, by name. */
export async function selectAuditRows(
  tx: Queryable,
  where: readonly (SQL | undefined)[],
  page: { before?: number; limit: number },
): Promise<AuditRow[]> {
  const conditions = [...where];
  if (page.before) conditions.push(lt(auditEvents.seq, page.before));
  const rows = await tx
    .select({
      seq: auditEvents.seq,
      occurredAt: auditEvents.occurredAt,
      actorUserId: auditEvents.actorUserId,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      subjectId: auditEvents.subjectId,
      organisationId: auditEvents.organisationId,
      ip: auditEvents.ip,
      requestId: auditEvents.requestId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.seq))
    .limit(page.limit);
  const names = await actorNames(
    tx,
    rows.map((r) => r.actorUserId),
  );
  return rows.map((r) => ({
    ...r,
    actorName: r.actorUserId ? (names.get(r.actorUserId) ?? null) : null,
    kind: icoCategoryOf(r.action),
  }));
}

/**
 * The names of those who acted, through `app_audit_actor_names` (drizzle/0029): the users
 * table is closed to an officer, but the names of those in the events they read are not.
 */
async function actorNames(
  tx: Queryable,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await queryRows<{ user_id: string; name: string }>(
    tx,
    sql`select user_id, name from app_audit_actor_names(array[${sql.join(
      wanted.map((id) => sql`${id}`),
      sql`, `,
    )}]::uuid[])`,
  );
  return new Map(rows.map((r) => [r.user_id, r.name]));
}
