import { and, inArray, isNull, sql } from "drizzle-orm";
import type { RoleKey } from "~/access/catalogue";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { asSystem, type Db, queryRows, toInt } from "~/db/database.server";
import { memberships, organisations, users } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { encrypt } from "~/identity/crypto.server";
import { hashPassword } from "~/identity/passwords.server";
import type { Mailer } from "~/mail/mailer.server";
import { seedDemoCasework } from "./seed-demo-casework.server";
import { seedDemoEligibility } from "./seed-demo-eligibility.server";
import { seedDemoIntake } from "./seed-demo-intake.server";
import { seedDemoProjectDetails } from "./seed-demo-projects.server";

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = "clearname-demo";
/** The TOTP key of the demo administrator and data-protection officer; `npm run demo:code` prints a code. */
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

type Project = Omit<typeof organisations.$inferInsert, "kind">;

const NETWORK_NAME = "Northmoor Innocence Network (demo)";

const PROJECTS: Project[] = [
  {
    name: "Ashdown University Innocence Project",
    hostInstitution: "Ashdown University School of Law",
    projectKind: "university",
    jurisdictions: ["england_wales"],
    status: "active",
    capacity: 8,
  },
  {
    name: "Fenwick Law School Innocence Clinic",
    hostInstitution: "University of Fenwick",
    projectKind: "university",
    jurisdictions: ["england_wales"],
    status: "active",
    capacity: 5,
  },
  {
    name: "Glenmorra Miscarriages of Justice Project",
    hostInstitution: "University of Glenmorra",
    projectKind: "university",
    jurisdictions: ["scotland"],
    status: "active",
    capacity: 4,
  },
  {
    name: "Harrowgate & Vale LLP Pro Bono Innocence Project",
    hostInstitution: "Harrowgate & Vale LLP",
    projectKind: "law_firm",
    jurisdictions: ["england_wales", "northern_ireland"],
    status: "active",
    capacity: 3,
  },
  {
    name: "Marlow Heath Innocence Project",
    hostInstitution: "Marlow Heath University",
    projectKind: "university",
    jurisdictions: ["england_wales"],
    status: "paused",
    capacity: 2,
  },
  {
    name: "Kestrel Bay University Innocence Project",
    hostInstitution: "Kestrel Bay University",
    projectKind: "university",
    jurisdictions: ["england_wales"],
    status: "closed",
    closedOn: "2014-07-31",
    capacity: 0,
  },
  {
    name: "Orchard Street Law Centre Innocence Project",
    hostInstitution: "Orchard Street Law Centre",
    projectKind: "other",
    jurisdictions: ["northern_ireland"],
    status: "closed",
    closedOn: "2013-03-31",
    capacity: 0,
  },
];

interface DemoUser {
  email: string;
  name: string;
  roleKey: RoleKey;
  organisation: string;
  twoFactor?: boolean;
  endsInMonths?: number;
}

export const DEMO_USERS: DemoUser[] = [
  {
    email: "admin@clearname.test",
    name: "Ada Administrator",
    roleKey: "administrator",
    organisation: NETWORK_NAME,
    twoFactor: true,
  },
  {
    email: "intake@clearname.test",
    name: "Ian Intake",
    roleKey: "intake_officer",
    organisation: NETWORK_NAME,
  },
  {
    email: "assessor@clearname.test",
    name: "Asha Assessor",
    roleKey: "assessor",
    organisation: NETWORK_NAME,
  },
  {
    // A second assessor, so that the demo assessor has a recommendation to review.
    email: "assessor2@clearname.test",
    name: "Bram Assessor",
    roleKey: "assessor",
    organisation: NETWORK_NAME,
  },
  {
    email: "referrals@clearname.test",
    name: "Rhys Referrals",
    roleKey: "referral_coordinator",
    organisation: NETWORK_NAME,
  },
  {
    email: "dpo@clearname.test",
    name: "Dana Protection",
    roleKey: "data_protection_officer",
    organisation: NETWORK_NAME,
    twoFactor: true,
  },
  {
    email: "trainer@clearname.test",
    name: "Tomos Trainer",
    roleKey: "trainer",
    organisation: NETWORK_NAME,
  },
  {
    email: "lead@clearname.test",
    name: "Lena Lead",
    roleKey: "project_lead",
    organisation: "Ashdown University Innocence Project",
  },
  {
    email: "caseworker@clearname.test",
    name: "Cal Caseworker",
    roleKey: "caseworker",
    organisation: "Ashdown University Innocence Project",
    endsInMonths: 8,
  },
  {
    // Two more caseworkers at Ashdown, on no case yet: the lead puts them on a case.
    email: "caseworker2@clearname.test",
    name: "Cara Caseworker",
    roleKey: "caseworker",
    organisation: "Ashdown University Innocence Project",
    endsInMonths: 8,
  },
  {
    email: "caseworker3@clearname.test",
    name: "Cole Caseworker",
    roleKey: "caseworker",
    organisation: "Ashdown University Innocence Project",
    endsInMonths: 8,
  },
  {
    email: "projectadmin@clearname.test",
    name: "Pat Project-Admin",
    roleKey: "project_administrator",
    organisation: "Ashdown University Innocence Project",
  },
  {
    email: "lead.glenmorra@clearname.test",
    name: "Morag Lead",
    roleKey: "project_lead",
    organisation: "Glenmorra Miscarriages of Justice Project",
  },
  {
    // A second project in England and Wales with a lead, so a case can be offered to one
    // project, declined, and offered to another.
    email: "lead.fenwick@clearname.test",
    name: "Femi Lead",
    roleKey: "project_lead",
    organisation: "Fenwick Law School Innocence Clinic",
  },
];

/** Demo data asked for in production: its published password and key would open real data. */
export class DemoRefusedError extends Error {}

/**
 * The demo accounts that can still sign in: a database that was given the demo data outside
 * production must not then be run in production with them (server/start.ts refuses).
 */
export async function activeDemoAccounts(db: Db): Promise<string[]> {
  const rows = await asSystem(db, (tx) =>
    tx
      .select({ email: users.email })
      .from(users)
      .where(
        and(
          inArray(
            users.email,
            DEMO_USERS.map((u) => u.email),
          ),
          isNull(users.disabledAt),
        ),
      ),
  );
  return rows.map((r) => r.email);
}

/**
 * Loads the demo network, projects, one user per role (two assessors), fictional applications
 * and assessments, only into an empty database. Establishments must be loaded first
 * (server/start.ts does). Never in production.
 */
export async function seedDemoData(
  db: Db,
  secret: string,
  casework: { store: DocumentStore; mailer: Mailer; publicUrl: string; production?: boolean },
): Promise<boolean> {
  if (casework.production) {
    throw new DemoRefusedError("Demo data is never loaded in production (NODE_ENV=production).");
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return asSystem(db, async (tx) => {
    const [count] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*) as n from organisations`,
    );
    if (toInt(count?.n ?? 0) > 0) return false;
    const orgIds = new Map<string, string>();
    const [network] = await tx
      .insert(organisations)
      .values({
        kind: "network",
        name: NETWORK_NAME,
        jurisdictions: ["england_wales", "scotland", "northern_ireland"],
      })
      .returning();
    if (!network) throw new Error("insert returned nothing");
    orgIds.set(network.name, network.id);
    for (const project of PROJECTS) {
      const [row] = await tx
        .insert(organisations)
        .values({ kind: "project", ...project })
        .returning();
      if (row) orgIds.set(row.name, row.id);
    }
    await seedDemoProjectDetails(tx);
    const userIds = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const [user] = await tx
        .insert(users)
        .values({
          email: u.email,
          name: u.name,
          passwordHash,
          totpSecret: u.twoFactor ? encrypt(DEMO_TOTP_SECRET, secret) : null,
          totpEnabledAt: u.twoFactor ? new Date() : null,
        })
        .returning();
      const organisationId = orgIds.get(u.organisation);
      if (!user || !organisationId) throw new Error(`demo user ${u.email} has no organisation`);
      userIds.set(u.email, user.id);
      const endsOn = u.endsInMonths
        ? new Date(Date.now() + u.endsInMonths * 30 * 86_400_000).toISOString().slice(0, 10)
        : null;
      await tx
        .insert(memberships)
        .values({ userId: user.id, organisationId, roleKey: u.roleKey, endsOn });
    }
    // Recorded by the demo intake officer, as if they had typed them in.
    const intakeApplications = await seedDemoIntake(tx, userIds.get("intake@clearname.test") ?? "");
    const eligibilityApplications = await seedDemoEligibility(tx, {
      intake: "intake@clearname.test",
      assessor: "assessor@clearname.test",
      secondAssessor: "assessor2@clearname.test",
    });
    const applications = intakeApplications + eligibilityApplications;
    await seedDemoCasework(tx, casework.store, casework, {
      coordinator: "referrals@clearname.test",
      lead: "lead@clearname.test",
      caseworker: "caseworker@clearname.test",
      scottishLead: "lead.glenmorra@clearname.test",
    });
    await recordAuditEvent(
      tx,
      { userId: null },
      {
        action: "demo.seeded",
        entityType: "database",
        details: { projects: PROJECTS.length, users: DEMO_USERS.length, applications },
      },
    );
    return true;
  });
}
