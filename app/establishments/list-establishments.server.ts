import { and, asc, eq, ilike, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import { type Queryable, queryRows, toInt } from "~/db/database.server";
import { applicants, establishments } from "~/db/schema";
import { notFound } from "~/errors/app-error";
import type { EstablishmentStatusFilter } from "./schemas";

export type Establishment = typeof establishments.$inferSelect;

export interface EstablishmentFilter {
  q?: string;
  status: EstablishmentStatusFilter;
  /** Only those with no postal address: register entries the address list did not match. */
  noAddress: boolean;
}

export interface EstablishmentCounts {
  total: number;
  open: number;
  closed: number;
  noAddress: number;
}

/** "No address on file": no address lines or no postcode, so no letter can be posted there. */
const noAddressOnFile = sql`(cardinality(${establishments.addressLines}) = 0 or ${establishments.postcode} is null)`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Establishments matching the filter, by name, with counts over the whole register. */
export async function listEstablishments(
  tx: Queryable,
  filter: EstablishmentFilter,
): Promise<{ rows: Establishment[]; counts: EstablishmentCounts }> {
  const where: SQL[] = [];
  const q = filter.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    const match = or(
      ilike(establishments.name, like),
      ilike(establishments.code, like),
      ilike(establishments.postcode, like),
    );
    if (match) where.push(match);
  }
  if (filter.status === "open") where.push(isNull(establishments.closedOn));
  if (filter.status === "closed") where.push(isNotNull(establishments.closedOn));
  if (filter.noAddress) where.push(noAddressOnFile);
  const rows = await tx
    .select()
    .from(establishments)
    .where(and(...where))
    .orderBy(asc(establishments.name), asc(establishments.id))
    .limit(500);
  const [c] = await queryRows<Record<keyof EstablishmentCounts, number>>(
    tx,
    sql`select count(*) as total,
               count(*) filter (where ${establishments.closedOn} is null) as open,
               count(*) filter (where ${establishments.closedOn} is not null) as closed,
               count(*) filter (where ${noAddressOnFile}) as "noAddress"
          from ${establishments}`,
  );
  return {
    rows,
    counts: {
      total: toInt(c?.total ?? 0),
      open: toInt(c?.open ?? 0),
      closed: toInt(c?.closed ?? 0),
      noAddress: toInt(c?.noAddress ?? 0),
    },
  };
}

/** One establishment, with how many applicants are recorded as held there now. */
export async function getEstablishment(
  tx: Queryable,
  id: string,
): Promise<{ establishment: Establishment; applicantsHeld: number }> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("establishment");
  const [establishment] = await tx.select().from(establishments).where(eq(establishments.id, id));
  if (!establishment) throw notFound("establishment");
  // Row-level security counts only the applicants this user may see.
  const [held] = await tx
    .select({ n: sql<number>`count(*)` })
    .from(applicants)
    .where(eq(applicants.currentEstablishmentId, id));
  return { establishment, applicantsHeld: toInt(held?.n ?? 0) };
}
