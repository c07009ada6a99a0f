import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "~/db/database.server";
import { organisations, projectTermBreaks } from "~/db/schema";

const DAY = 86_400_000;
const isoInDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

type Details = Pick<
  typeof organisations.$inferInsert,
  "addressLines" | "contactEmail" | "contactPhone" | "website" | "specialisms" | "pausedOn"
>;

/** Fictional addresses (reserved .test domains, Ofcom drama numbers) for the demo projects. */
const DETAILS: Record<string, Details> = {
  "Ashdown University Innocence Project": {
    addressLines: ["School of Law", "Ashdown University", "Keats Building, Hill Road", "AS1 4LW"],
    contactEmail: "innocence@ashdown.test",
    contactPhone: "01632 960 118",
    website: "https://law.ashdown.test/innocence",
    specialisms: ["Forensic science", "Identification evidence", "Joint enterprise"],
  },
  "Fenwick Law School Innocence Clinic": {
    addressLines: ["Fenwick Law School", "University of Fenwick", "Fenwick", "FW2 9QA"],
    contactEmail: "clinic@fenwick.test",
    contactPhone: "01632 960 245",
    website: "https://www.fenwick.test/innocence-clinic",
    specialisms: ["Sexual offences", "Disclosure"],
  },
  "Glenmorra Miscarriages of Justice Project": {
    addressLines: ["School of Law", "University of Glenmorra", "Glenmorra", "GM3 1SX"],
    contactEmail: "moj@glenmorra.test",
    contactPhone: "0131 496 0342",
    website: "https://glenmorra.test/moj",
    specialisms: ["Scottish appeals", "Forensic science", "Confession evidence"],
  },
  "Harrowgate & Vale LLP Pro Bono Innocence Project": {
    addressLines: ["Harrowgate & Vale LLP", "12 Chancery Row", "London", "EC4A 9ZZ"],
    contactEmail: "probono@harrowgatevale.test",
    contactPhone: "020 7946 0871",
    website: "https://harrowgatevale.test/pro-bono",
    specialisms: ["Fraud and financial crime", "Expert evidence"],
  },
  "Marlow Heath Innocence Project": {
    addressLines: ["Marlow Heath University", "Marlow Heath", "MH5 2UU"],
    contactEmail: "innocence@marlowheath.test",
    specialisms: ["Joint enterprise"],
    pausedOn: isoInDays(-45),
  },
  "Kestrel Bay University Innocence Project": {
    addressLines: ["Kestrel Bay University", "Kestrel Bay", "KB1 7TT"],
    specialisms: ["Arson"],
  },
  "Orchard Street Law Centre Innocence Project": {
    addressLines: ["Orchard Street Law Centre", "Belfast", "BT9 9ZZ"],
    specialisms: ["Northern Irish appeals"],
  },
};

/**
 * Gives the demo projects their addresses, contacts and specialisms (only where none are
 * recorded) and Ashdown one term break coming up (unless it has one), so that running it
 * again changes nothing.
 */
export async function seedDemoProjectDetails(tx: Tx): Promise<void> {
  for (const [name, details] of Object.entries(DETAILS)) {
    await tx
      .update(organisations)
      .set(details)
      .where(
        and(
          eq(organisations.name, name),
          eq(organisations.kind, "project"),
          sql`cardinality(${organisations.addressLines}) = 0`,
        ),
      );
  }
  const [ashdown] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, "Ashdown University Innocence Project"));
  if (!ashdown) return;
  const [existing] = await tx
    .select({ id: projectTermBreaks.id })
    .from(projectTermBreaks)
    .where(eq(projectTermBreaks.organisationId, ashdown.id))
    .limit(1);
  if (existing) return;
  await tx.insert(projectTermBreaks).values({
    organisationId: ashdown.id,
    label: "Vacation",
    startsOn: isoInDays(60),
    endsOn: isoInDays(120),
  });
}
