import type { RecordClass } from "~/db/schema/data-protection";

export type RetentionAction = "erase" | "anonymise" | "review";
export type OrganisationKind = "network" | "project";

/**
 * What each class of record on the retention schedule means: which organisation holds it,
 * the event its period is counted from, the actions that make sense for it and the default
 * period with its reason (written out in docs/data-protection.md).
 */
export interface RecordClassDefinition {
  label: string;
  /** Which organisations hold records of this class. */
  heldBy: readonly OrganisationKind[];
  countedFrom: string;
  countedFromLabel: string;
  actions: readonly RetentionAction[];
  defaultMonths: number;
  defaultAction: RetentionAction;
  defaultReason: string;
}

export const RECORD_CLASS_DEFINITIONS: Record<RecordClass, RecordClassDefinition> = {
  ineligible_application: {
    label: "Applications closed as ineligible",
    heldBy: ["network"],
    countedFrom: "closed_on",
    countedFromLabel: "the day the application was closed as ineligible",
    actions: ["anonymise", "erase", "review"],
    defaultMonths: 72,
    defaultAction: "anonymise",
    defaultReason:
      "Six years after the decision, the limitation period for a claim about how the application was handled; kept anonymised so the network can still count whom it turned away and why.",
  },
  withdrawn_application: {
    label: "Applications withdrawn by the applicant",
    heldBy: ["network"],
    countedFrom: "closed_on",
    countedFromLabel: "the day the application was closed as withdrawn",
    actions: ["erase", "anonymise", "review"],
    defaultMonths: 72,
    defaultAction: "erase",
    defaultReason:
      "Six years after the withdrawal, the limitation period; someone who withdrew has no further dealings with the network that need the record.",
  },
  abandoned_draft: {
    label: "Online application drafts never submitted",
    heldBy: ["network"],
    countedFrom: "last_saved",
    countedFromLabel: "the last time the draft was saved",
    actions: ["erase"],
    defaultMonths: 1,
    defaultAction: "erase",
    defaultReason:
      "The applicant is told a draft is kept for 30 days; housekeeping removes expired drafts every hour, and the sweep removes any it missed.",
  },
  import_file: {
    label: "Uploaded import spreadsheets",
    heldBy: ["network"],
    countedFrom: "imported_on",
    countedFromLabel: "the day the file was uploaded",
    actions: ["erase", "review"],
    defaultMonths: 3,
    defaultAction: "erase",
    defaultReason:
      "Three months: long enough to check an import and correct it; the applications it made are kept under their own classes.",
  },
  closed_case: {
    label: "Cases closed at a project",
    heldBy: ["project"],
    countedFrom: "closed_on",
    countedFromLabel: "the day the case left the project (closed, concluded, handed back)",
    actions: ["erase", "review"],
    defaultMonths: 84,
    defaultAction: "erase",
    defaultReason:
      "Seven years after closing, as for a solicitor's file: long enough for a complaint, a claim or a fresh application to the review commission to need the working file.",
  },
  letter: {
    label: "Letters sent and received",
    heldBy: ["network"],
    countedFrom: "filed_on",
    countedFromLabel: "the day the letter was filed",
    actions: ["review"],
    defaultMonths: 72,
    defaultAction: "review",
    defaultReason:
      "Letters go with their application and are erased or anonymised with it; a letter past six years is listed for the officer to look at, never removed on its own.",
  },
  former_member_account: {
    label: "Accounts of former members",
    heldBy: ["network"],
    countedFrom: "membership_ended",
    countedFromLabel: "the day the person's last membership ended",
    actions: ["anonymise", "review"],
    defaultMonths: 12,
    defaultAction: "anonymise",
    defaultReason:
      "A year after someone's last membership ended their name and e-mail address are replaced; the account's id stays so the audit trail still says which account did what.",
  },
  audit_event: {
    label: "Audit trail events",
    heldBy: ["network", "project"],
    countedFrom: "occurred_on",
    countedFromLabel: "the day the event was recorded",
    actions: ["review"],
    defaultMonths: 120,
    defaultAction: "review",
    defaultReason:
      "Never erased: each event is chained to the one before by its hash, so removing one breaks the proof that none was altered. Events record ids, not personal content; after ten years they are counted for review.",
  },
};

export const ACTION_LABELS: Record<RetentionAction, string> = {
  erase: "Erase",
  anonymise: "Anonymise",
  review: "List for review",
};
