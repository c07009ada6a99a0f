/**
 * The roles and permissions of Clearname. This file is the source of truth: at start-up
 * the `roles`, `permissions` and `role_permissions` tables are brought into line with it
 * (app/access/sync-catalogue.server.ts), and the database's row-level security policies
 * consult those tables. Permissions are `action:entity:access` strings; `any` reaches
 * every organisation's rows, `own` only the organisation the membership is in.
 */
export const PERMISSIONS = {
  "view:organisation:any": "See every organisation in the network and its details",
  "manage:organisation:any": "Create member projects and change any organisation",
  "manage:organisation:own": "Change the details of one's own project",
  "view:membership:own": "See the members of one's own project",
  "manage:membership:own": "Add, change and end memberships in one's own project",
  "manage:membership:any": "Add, change and end memberships in any organisation",
  "manage:user:any": "Create, invite and disable any user",
  "view:audit:any": "Read the audit trail",
  "protect:data:own":
    "Act as controller for one's own organisation's data: access histories, subject access, rectification and erasure requests, retention sweeps, legal holds and breaches",
  "view:outbox:any": "Read the e-mail outbox",
  "view:application:any": "See applications, applicants and their correspondence",
  "manage:application:any": "Record applications, change them and send their letters",
  "import:application:any": "Import applications from spreadsheets",
  "manage:establishment:any": "Add, rename and close prison establishments",
  "manage:settings:any": "Change the network's settings",
  "assess:application:any":
    "Assess applications for eligibility, review others' recommendations and record decisions",
  "refer:application:any":
    "Offer eligible cases to member projects, withdraw referrals and take cases back",
  "respond:referral:own":
    "Accept or decline the offers made to one's own project, and hand cases back",
  "view:case:own":
    "See one's own project's cases: leads all of them, caseworkers those they are on",
  "manage:case:own": "Run one's own project's cases: teams, sign-offs, reviews and applications",
} as const;

export type Permission = keyof typeof PERMISSIONS;

export type RoleKey =
  | "administrator"
  | "intake_officer"
  | "assessor"
  | "referral_coordinator"
  | "data_protection_officer"
  | "trainer"
  | "project_lead"
  | "caseworker"
  | "project_administrator";

export interface RoleDefinition {
  label: string;
  scope: "network" | "project";
  description: string;
  /** Holders must sign in with a second factor. */
  requiresTwoFactor: boolean;
  permissions: readonly Permission[];
}

const NETWORK_STAFF: readonly Permission[] = ["view:organisation:any"];
const CASE_READERS: readonly Permission[] = ["view:application:any"];

export const ROLES: Record<RoleKey, RoleDefinition> = {
  administrator: {
    label: "Administrator",
    scope: "network",
    description: "Runs the network's Clearname: projects, users, roles and settings.",
    requiresTwoFactor: true,
    permissions: [
      ...NETWORK_STAFF,
      "manage:organisation:any",
      "manage:membership:any",
      "manage:user:any",
      "view:audit:any",
      "view:outbox:any",
      ...CASE_READERS,
      "manage:application:any",
      "import:application:any",
      "manage:establishment:any",
      "manage:settings:any",
      "assess:application:any",
      "refer:application:any",
    ],
  },
  intake_officer: {
    label: "Intake officer",
    scope: "network",
    description: "Records applications as they arrive and acknowledges them.",
    requiresTwoFactor: false,
    permissions: [
      ...NETWORK_STAFF,
      ...CASE_READERS,
      "manage:application:any",
      "import:application:any",
    ],
  },
  assessor: {
    label: "Assessor",
    scope: "network",
    description:
      "Assesses applications for eligibility and reviews other assessors' recommendations.",
    requiresTwoFactor: false,
    permissions: [...NETWORK_STAFF, ...CASE_READERS, "assess:application:any"],
  },
  referral_coordinator: {
    label: "Referral coordinator",
    scope: "network",
    description: "Offers eligible cases to member projects.",
    requiresTwoFactor: false,
    permissions: [...NETWORK_STAFF, ...CASE_READERS, "refer:application:any"],
  },
  data_protection_officer: {
    label: "Data-protection officer",
    scope: "network",
    description: "Oversees access, audit, retention and subject access.",
    requiresTwoFactor: true,
    permissions: [...NETWORK_STAFF, ...CASE_READERS, "view:audit:any", "protect:data:own"],
  },
  trainer: {
    label: "Trainer",
    scope: "network",
    description: "Runs training events and mentoring for member projects.",
    requiresTwoFactor: false,
    permissions: [...NETWORK_STAFF],
  },
  project_lead: {
    label: "Project lead",
    scope: "project",
    description: "Supervising lawyer or academic who runs a project's cases.",
    requiresTwoFactor: false,
    permissions: [
      "manage:organisation:own",
      "view:membership:own",
      "manage:membership:own",
      "respond:referral:own",
      "view:case:own",
      "manage:case:own",
      "protect:data:own",
    ],
  },
  caseworker: {
    label: "Caseworker",
    scope: "project",
    description: "Student caseworker on a project's cases.",
    requiresTwoFactor: false,
    permissions: ["view:case:own"],
  },
  project_administrator: {
    label: "Project administrator",
    scope: "project",
    description: "Keeps a project's details and membership up to date.",
    requiresTwoFactor: false,
    permissions: ["manage:organisation:own", "view:membership:own", "manage:membership:own"],
  },
};

export const ROLE_KEYS = Object.keys(ROLES) as RoleKey[];

export function isRoleKey(value: string): value is RoleKey {
  return Object.hasOwn(ROLES, value);
}

export function rolesForScope(scope: "network" | "project"): RoleKey[] {
  return ROLE_KEYS.filter((key) => ROLES[key].scope === scope);
}
