import { RECORD_CLASSES, type RecordClass } from "~/db/schema/data-protection";
import { addMonths } from "~/shared/dates";
import { type OrganisationKind, RECORD_CLASS_DEFINITIONS, type RetentionAction } from "./classes";

/**
 * The rules of retention, holds and erasure as plain functions: when a record falls due,
 * what a hold covers, when a sweep may be approved and why an erasure must be refused. The
 * server functions ask these; nothing else decides them.
 */

/** The day a record counted from `from` falls due after `months`. */
export const dueOn = (from: string, months: number) => addMonths(from, months);

/** Whether a record counted from `from` is due on `asOf`. */
export function isDue(from: string, months: number, asOf: string): boolean {
  return dueOn(from, months) <= asOf;
}

/**
 * The latest day a record can have been counted from and be due on `asOf`: what the
 * queries compare with. Stepping back a month at a time never lands later than exact.
 */
export function latestDueFrom(asOf: string, months: number): string {
  let from = addMonths(asOf, -months);
  while (!isDue(from, months, asOf)) from = addDay(from, -1);
  while (isDue(addDay(from, 1), months, asOf)) from = addDay(from, 1);
  return from;
}

function addDay(day: string, by: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}

const EVENT_WORDS: Record<RecordClass, string> = {
  ineligible_application: "closed as ineligible on",
  withdrawn_application: "withdrawn on",
  abandoned_draft: "last saved on",
  import_file: "uploaded on",
  closed_case: "closed on",
  letter: "filed on",
  former_member_account: "last membership ended on",
  audit_event: "recorded on",
};

/** Why a record is due, in words that hold no personal data. */
export function dueReason(recordClass: RecordClass, from: string, months: number): string {
  const periods = months % 12 === 0 ? `${months / 12} years` : `${months} months`;
  return `${EVENT_WORDS[recordClass]} ${from}; ${periods} passed on ${dueOn(from, months)}`;
}

/** The classes on an organisation's schedule: those it holds records of. */
export function classesFor(kind: OrganisationKind): RecordClass[] {
  return RECORD_CLASSES.filter((c) => RECORD_CLASS_DEFINITIONS[c].heldBy.includes(kind));
}

/** The default schedule of an organisation of this kind. */
export function defaultSchedule(kind: OrganisationKind) {
  return classesFor(kind).map((recordClass) => {
    const d = RECORD_CLASS_DEFINITIONS[recordClass];
    return {
      recordClass,
      periodMonths: d.defaultMonths,
      countedFrom: d.countedFrom,
      action: d.defaultAction,
      reason: d.defaultReason,
    };
  });
}

/** Why a rule cannot be saved as given, or null. */
export function ruleProblem(
  recordClass: RecordClass,
  rule: { periodMonths: number; action: RetentionAction },
): { field: "periodMonths" | "action"; message: string } | null {
  const d = RECORD_CLASS_DEFINITIONS[recordClass];
  if (!d.actions.includes(rule.action))
    return {
      field: "action",
      message:
        recordClass === "audit_event"
          ? "Audit events can only be listed for review: erasing one would break the chain."
          : `For ${d.label.toLowerCase()} choose ${d.actions.join(", ")}.`,
    };
  if (rule.periodMonths < 1 || rule.periodMonths > 1200)
    return { field: "periodMonths", message: "Enter a period from 1 to 1,200 months." };
  return null;
}

export interface Hold {
  targetType: "applicant" | "application" | "case";
  targetId: string;
  reason: string;
  until: string | null;
  releasedAt: Date | null;
}

/** A hold stands until it is released or the day after its `until`. */
export function holdInForce(hold: Pick<Hold, "until" | "releasedAt">, today: string): boolean {
  return hold.releasedAt === null && (hold.until === null || hold.until >= today);
}

/** The records above a record, any of which being held holds it too. */
export interface RecordLineage {
  applicantIds: readonly string[];
  applicationIds: readonly string[];
  caseIds: readonly string[];
}

/**
 * The hold that covers a record, if any: a hold on an applicant covers their applications
 * and the cases made from them; one on an application covers its cases.
 */
export function holdCovering<H extends Hold>(
  holds: readonly H[],
  lineage: RecordLineage,
  today: string,
): H | null {
  const on = {
    applicant: lineage.applicantIds,
    application: lineage.applicationIds,
    case: lineage.caseIds,
  };
  return holds.find((h) => holdInForce(h, today) && on[h.targetType].includes(h.targetId)) ?? null;
}

/** What an erasure must know about a record and what hangs off it. */
export interface ErasureFacts {
  hold: Pick<Hold, "reason"> | null;
  /** Cases made from the record that a project still works on. */
  openCases: readonly { reference: string; projectName: string }[];
  /** Cases made from it that have closed but are still kept by their project. */
  keptCases: readonly { reference: string; projectName: string }[];
  /** Applications still in progress (not closed). */
  openApplications: readonly { reference: string }[];
}

/** Why the record must be kept, in words for the officer, or null if it may be erased. */
export function erasureRefusal(facts: ErasureFacts): string | null {
  if (facts.hold) return `held: ${facts.hold.reason}`;
  const open = facts.openCases[0];
  if (open) return `the case ${open.reference} is open at ${open.projectName}`;
  const kept = facts.keptCases[0];
  if (kept)
    return `the case ${kept.reference} is kept by ${kept.projectName}, which controls it: it must erase the case first`;
  const app = facts.openApplications[0];
  if (app) return `the application ${app.reference} is not closed`;
  return null;
}

/** A sweep may be approved only as a dry run, by an officer of its own organisation. */
export function canApproveSweep(
  sweep: { status: string; organisationId: string },
  controllerOf: readonly string[],
): boolean {
  return sweep.status === "dry_run" && controllerOf.includes(sweep.organisationId);
}

/** A running sweep whose heartbeat is older than this was interrupted, and is taken over. */
export const STALE_HEARTBEAT_MS = 5 * 60 * 1000;

/** Whether a runner may take the sweep on. */
export function canClaimSweep(
  sweep: { status: string; heartbeatAt: Date | null },
  now: Date,
  staleMs = STALE_HEARTBEAT_MS,
): boolean {
  if (sweep.status === "approved") return true;
  if (sweep.status !== "running") return false;
  return sweep.heartbeatAt === null || now.getTime() - sweep.heartbeatAt.getTime() > staleMs;
}
