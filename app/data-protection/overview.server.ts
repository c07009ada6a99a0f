import { and, desc, eq, gte, inArray, isNull, or, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import {
  auditChainChecks,
  dataBreaches,
  dataSubjectRequests,
  legalHolds,
  organisations,
  policyDocuments,
  retentionSweeps,
} from "~/db/schema";
import { today } from "~/shared/dates";
import { requireController } from "./controller";

/**
 * What waits for the officer across their organisation's data protection: requests and their
 * deadlines, breaches still inside or past their 72 hours, holds in force, sweeps to approve
 * or running, the policy document's latest version and the last check of the audit chain.
 */
export async function getDataProtectionOverview(tx: Queryable, acting: Acting) {
  const organisationId = requireController(acting);
  const day = today();
  const [org] = await tx
    .select({ name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  const [requests] = await tx
    .select({
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) filter (where coalesce(${dataSubjectRequests.extendedTo}, ${dataSubjectRequests.dueOn}) < ${day})::int`,
      nextDue: sql<
        string | null
      >`min(coalesce(${dataSubjectRequests.extendedTo}, ${dataSubjectRequests.dueOn}))::text`,
    })
    .from(dataSubjectRequests)
    .where(
      and(
        eq(dataSubjectRequests.organisationId, organisationId),
        inArray(dataSubjectRequests.status, ["open", "extended"]),
      ),
    );
  const openBreaches = await tx
    .select({
      id: dataBreaches.id,
      title: dataBreaches.title,
      discoveredAt: dataBreaches.discoveredAt,
      risk: dataBreaches.risk,
      decision: dataBreaches.decision,
      decisionReasons: dataBreaches.decisionReasons,
      reportedToIcoAt: dataBreaches.reportedToIcoAt,
      whoWasTold: dataBreaches.whoWasTold,
      closedAt: dataBreaches.closedAt,
    })
    .from(dataBreaches)
    .where(and(eq(dataBreaches.organisationId, organisationId), isNull(dataBreaches.closedAt)))
    .orderBy(dataBreaches.discoveredAt)
    .limit(20);
  const [holds] = await tx
    .select({ inForce: sql<number>`count(*)::int` })
    .from(legalHolds)
    .where(
      and(
        eq(legalHolds.organisationId, organisationId),
        isNull(legalHolds.releasedAt),
        or(isNull(legalHolds.until), gte(legalHolds.until, day)),
      ),
    );
  const sweeps = await tx
    .select({
      id: retentionSweeps.id,
      status: retentionSweeps.status,
      createdAt: retentionSweeps.createdAt,
    })
    .from(retentionSweeps)
    .where(
      and(
        eq(retentionSweeps.organisationId, organisationId),
        inArray(retentionSweeps.status, ["dry_run", "approved", "running", "failed"]),
      ),
    )
    .orderBy(desc(retentionSweeps.createdAt))
    .limit(5);
  const [policy] = await tx
    .select({ version: policyDocuments.version, publishedAt: policyDocuments.publishedAt })
    .from(policyDocuments)
    .where(eq(policyDocuments.organisationId, organisationId))
    .orderBy(desc(policyDocuments.version))
    .limit(1);
  // Only those who may read the whole trail see its checks (row-level security).
  const [chain] = await tx
    .select({ checkedAt: auditChainChecks.checkedAt, ok: auditChainChecks.ok })
    .from(auditChainChecks)
    .orderBy(desc(auditChainChecks.checkedAt))
    .limit(1);
  return {
    organisation: org ?? { name: "Your organisation", kind: "project" as const },
    requests: requests ?? { open: 0, overdue: 0, nextDue: null },
    openBreaches,
    holdsInForce: holds?.inForce ?? 0,
    sweeps,
    policy: policy ?? null,
    chain: chain ?? null,
  };
}
