import { asc, eq, sql } from "drizzle-orm";
import { asSystem, type Db } from "~/db/database.server";
import { organisations } from "~/db/schema";
import { networkName } from "~/settings/network-settings.server";

/** What the public list shows of a member project: nothing about any person. */
export interface DirectoryEntry {
  name: string;
  hostInstitution: string | null;
  projectKind: "university" | "law_firm" | "other" | null;
  jurisdictions: string[];
  specialisms: string[];
  status: "active" | "paused" | "closed";
  pausedOn: string | null;
  closedOn: string | null;
  /** Only for an active project: where to write to it. */
  contactEmail: string | null;
  website: string | null;
}

export interface ProjectDirectory {
  networkName: string;
  projects: DirectoryEntry[];
}

/**
 * The public directory of member projects: active ones first, then paused, then closed (which
 * stay listed, as closed). It is read by nobody in particular, so it runs as the owning role;
 * that is why it selects the public columns by name and never a whole row, nor anything from
 * memberships or users.
 */
export function listProjectDirectory(db: Db): Promise<ProjectDirectory> {
  return asSystem(db, async (tx) => {
    const rows = await tx
      .select({
        name: organisations.name,
        hostInstitution: organisations.hostInstitution,
        projectKind: organisations.projectKind,
        jurisdictions: organisations.jurisdictions,
        specialisms: organisations.specialisms,
        status: organisations.status,
        pausedOn: organisations.pausedOn,
        closedOn: organisations.closedOn,
        contactEmail: organisations.contactEmail,
        website: organisations.website,
      })
      .from(organisations)
      .where(eq(organisations.kind, "project"))
      .orderBy(
        sql`case ${organisations.status} when 'active' then 0 when 'paused' then 1 else 2 end`,
        asc(organisations.name),
      );
    return {
      networkName: await networkName(tx),
      projects: rows.map((r) => ({
        ...r,
        contactEmail: r.status === "active" ? r.contactEmail : null,
        website: r.status === "active" ? r.website : null,
      })),
    };
  });
}
