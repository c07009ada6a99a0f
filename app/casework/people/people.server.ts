import { and, asc, eq, ilike } from "drizzle-orm";
import type { z } from "zod";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import {
  auditCase,
  caseHeading,
  mustBeOpen,
  openCase,
  touchCase,
} from "~/casework/case-access.server";
import type { Queryable } from "~/db/database.server";
import { caseCorrespondence, casePeople, cases, people } from "~/db/schema";
import { conflict, invalid, notFound } from "~/errors/app-error";
import { today } from "~/shared/dates";
import { isId } from "~/shared/ids";
import {
  type AddPersonSchema,
  CONTACT_KIND_LABELS,
  type ConsentSchema,
  type ContactSchema,
  NEEDS_CONSENT,
} from "./people-schemas";

export const NO_CONSENT =
  "The client has not agreed that this person may be contacted. Record the client's consent first: do not contact them until you have it.";

/** Whether the team may record contact with this person in this case. */
export function contactRefusal(p: {
  kind: string;
  contactConsentOn: string | null;
}): string | null {
  return (NEEDS_CONSENT as readonly string[]).includes(p.kind) && !p.contactConsentOn
    ? NO_CONSENT
    : null;
}

/** The people of the case, and (when `search` is given) the organisation's people by that name. */
export async function getCasePeople(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  search: string | null = null,
) {
  const c = await openCase(tx, acting, caseId);
  const rows = await tx
    .select({ cp: casePeople, p: people })
    .from(casePeople)
    .innerJoin(people, eq(people.id, casePeople.personId))
    .where(eq(casePeople.caseId, c.id))
    .orderBy(asc(people.name));
  const q = search?.trim() ?? "";
  const matches = q
    ? await tx
        .select()
        .from(people)
        .where(
          and(
            eq(people.organisationId, c.organisationId),
            ilike(people.name, `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`),
          ),
        )
        .orderBy(asc(people.name))
        .limit(20)
    : [];
  await auditCase(tx, acting, c, "case.people.viewed", q ? { search: q } : {});
  const inCase = new Set(rows.map((r) => r.p.id));
  return {
    case: { ...caseHeading(c) },
    people: rows.map(({ cp, p }) => ({
      casePersonId: cp.id,
      personId: p.id,
      name: p.name,
      kind: p.kind,
      description: p.description,
      role: cp.role,
      notes: cp.notes,
      contactConsentOn: cp.contactConsentOn,
      needsConsent: (NEEDS_CONSENT as readonly string[]).includes(p.kind),
    })),
    search: q,
    matches: matches.map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      description: p.description,
      alreadyInCase: inCase.has(p.id),
    })),
  };
}

export type CasePeoplePage = Awaited<ReturnType<typeof getCasePeople>>;

/**
 * Adds a person to the case with their role: one the organisation already knows (so the same
 * officer or expert is one record across its cases), or a new one.
 */
export async function addCasePerson(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: z.output<typeof AddPersonSchema>,
): Promise<{ personId: string; casePersonId: string }> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  let personId: string;
  if (input.personId) {
    const [p] = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.id, input.personId), eq(people.organisationId, c.organisationId)));
    if (!p) throw invalid("Choose a person your project already knows.");
    personId = p.id;
  } else {
    if (!input.name || !input.kind) throw invalid("Enter the person's name and kind.");
    const [p] = await tx
      .insert(people)
      .values({
        organisationId: c.organisationId,
        name: input.name,
        kind: input.kind,
        description: input.description,
      })
      .returning({ id: people.id });
    if (!p) throw new Error("person insert returned nothing");
    personId = p.id;
  }
  const [existing] = await tx
    .select({ id: casePeople.id })
    .from(casePeople)
    .where(and(eq(casePeople.caseId, c.id), eq(casePeople.personId, personId)));
  if (existing) throw conflict("This person is already in the case.");
  const [row] = await tx
    .insert(casePeople)
    .values({ caseId: c.id, personId, role: input.role, notes: input.notes })
    .returning({ id: casePeople.id });
  if (!row) throw new Error("case person insert returned nothing");
  await auditCase(tx, acting, c, "case.person.added", {
    personId,
    casePersonId: row.id,
    linked: Boolean(input.personId),
  });
  await touchCase(tx, c);
  return { personId, casePersonId: row.id };
}

async function casePersonOf(tx: Queryable, caseId: string, casePersonId: string) {
  const [row] = await tx
    .select({ cp: casePeople, p: people })
    .from(casePeople)
    .innerJoin(people, eq(people.id, casePeople.personId))
    .where(and(eq(casePeople.id, casePersonId), eq(casePeople.caseId, caseId)));
  if (!row) throw notFound("person");
  return row;
}

/** Records the day the client agreed that this person may be contacted. */
export async function recordContactConsent(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: z.output<typeof ConsentSchema>,
): Promise<void> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const { cp } = await casePersonOf(tx, c.id, input.casePersonId);
  if (input.consentOn > today())
    throw invalid("The date of the client's consent cannot be in the future.");
  await tx
    .update(casePeople)
    .set({ contactConsentOn: input.consentOn })
    .where(eq(casePeople.id, cp.id));
  await auditCase(tx, acting, c, "case.person.consent_recorded", {
    casePersonId: cp.id,
    consentOn: input.consentOn,
  });
  await touchCase(tx, c);
}

/**
 * Records that the team contacted the person, as an outgoing entry in the case's
 * correspondence. Refused for a witness (or victim, or co-defendant) until the client's
 * consent is recorded.
 */
export async function recordContact(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: z.output<typeof ContactSchema>,
): Promise<{ correspondenceId: string }> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const { cp, p } = await casePersonOf(tx, c.id, input.casePersonId);
  const refusal = contactRefusal({ kind: p.kind, contactConsentOn: cp.contactConsentOn });
  if (refusal) throw invalid(refusal);
  if (cp.contactConsentOn && input.contactedOn < cp.contactConsentOn)
    throw invalid("The contact cannot be dated before the client agreed to it.");
  const [row] = await tx
    .insert(caseCorrespondence)
    .values({
      caseId: c.id,
      direction: "out",
      party: `${p.name} (${cp.role})`,
      kind: input.kind,
      occurredOn: input.contactedOn,
      summary: `${CONTACT_KIND_LABELS[input.kind]} to ${p.name}: ${input.summary}`,
      createdBy: acting.viewer.id,
    })
    .returning({ id: caseCorrespondence.id });
  if (!row) throw new Error("correspondence insert returned nothing");
  await auditCase(tx, acting, c, "case.person.contacted", {
    casePersonId: cp.id,
    correspondenceId: row.id,
  });
  await touchCase(tx, c);
  return { correspondenceId: row.id };
}

/**
 * A person of the organisation and the cases they appear in — only those the user may see
 * (row-level security leaves out the cases of teams a caseworker is not on).
 */
export async function getPerson(tx: Queryable, acting: Acting, personId: string) {
  if (!isId(personId)) throw notFound("person");
  const [p] = await tx.select().from(people).where(eq(people.id, personId));
  if (!p || !can(acting.viewer, "view:case:own", p.organisationId)) throw notFound("person");
  const appearances = await tx
    .select({
      caseId: cases.id,
      reference: cases.reference,
      organisationId: cases.organisationId,
      role: casePeople.role,
    })
    .from(casePeople)
    .innerJoin(cases, eq(cases.id, casePeople.caseId))
    .where(and(eq(casePeople.personId, p.id), eq(cases.organisationId, p.organisationId)))
    .orderBy(asc(cases.reference));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "person.viewed",
    entityType: "person",
    entityId: p.id,
    organisationId: p.organisationId,
    details: { caseIds: appearances.map((a) => a.caseId) },
  });
  return {
    person: { id: p.id, name: p.name, kind: p.kind, description: p.description },
    cases: appearances.map(({ caseId, reference, role }) => ({ caseId, reference, role })),
  };
}
