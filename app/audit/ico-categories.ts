/**
 * The kinds of processing the ICO's logging model names (DPA 2018 s62: collection, alteration,
 * consultation, disclosure including transfers, combination and erasure), and which kind each
 * audit action is. Sign-ins, accounts and the network's own settings are not processing of a
 * data subject's record: they are "security" and "other".
 */
export const ICO_CATEGORIES = [
  "collection",
  "consultation",
  "alteration",
  "disclosure",
  "combination",
  "erasure",
  "security",
  "other",
] as const;

export type IcoCategory = (typeof ICO_CATEGORIES)[number];

export const ICO_CATEGORY_LABELS: Record<IcoCategory, string> = {
  collection: "Collection",
  consultation: "Consultation (viewed or downloaded)",
  alteration: "Alteration",
  disclosure: "Disclosure",
  combination: "Combination (merged or linked)",
  erasure: "Erasure",
  security: "Account and security",
  other: "Other (no one's record)",
};

export function isIcoCategory(value: string): value is IcoCategory {
  return (ICO_CATEGORIES as readonly string[]).includes(value);
}

/** Actions whose verb alone would mislead: they are decided one by one. */
const EXACT: Record<string, IcoCategory> = {
  // Personal data crosses from the network to a project, or back, or out to the CCRC/SCCRC.
  "referral.offered": "disclosure",
  "referral.accepted": "disclosure",
  "case.handed_back": "disclosure",
  "case.returned_on_closure": "disclosure",
  "case.report_sent": "disclosure",
  "review_application.sent": "disclosure",
  "case.papers.requested": "disclosure",
  "case.papers.chased": "disclosure",
  // Released from prison: a change to the record, not a disclosure.
  "applicant.released": "alteration",
  "applicant.matched": "combination",
  // A member leaving a case team is a change of who may see it, nothing is erased.
  "case_team.removed": "alteration",
  "case.papers.replied": "collection",
  "case.person.contacted": "collection",
  "case.handover_note_written": "collection",
  "application.entry_finished": "alteration",
  "document.orphan_sweep": "erasure",
  "audit.chain_checked": "security",
  "case.reminders_sent": "other",
  "import.run": "collection",
  // Subject access: the request itself holds the requester's data; the bundle goes to them.
  "subject_request.logged": "collection",
  "subject_request.extended": "alteration",
  "subject_request.item_reviewed": "alteration",
  "subject_request.bundle_released": "disclosure",
  "subject_request.reminded": "other",
  // Closing and reopening a case, a client's move between prisons, a redacted copy, the text read
  // from a scan: changes to what the record holds.
  "case.closed": "alteration",
  "case.reopened": "alteration",
  "case.client_moved": "alteration",
  "case.document.redacted": "alteration",
  "document.scan_read": "alteration",
  // Opening a document to choose passages to redact is reading it.
  "case.document.opened_for_redaction": "consultation",
  // A move told to the other side: the network to the projects with the case, or a project to the network.
  "applicant.move_disclosed_to_projects": "disclosure",
  "applicant.move_disclosed_by_project": "disclosure",
  // Tasks: a task's text is written about a case; done and reminders are the work's own course.
  "task.set": "collection",
  "task.done": "alteration",
  "task.reminders_sent": "other",
  "case.quiet_alerted": "other",
  // The year-end roll-over: the lead's overview and the hand-over pack are readings of the
  // case; asking for hand-over notes tells the team (the tasks it sets are "task.set").
  "case.year_end_viewed": "consultation",
  "case.handover_pack_printed": "consultation",
  "organisation.handover_notes_requested": "other",
  // Progress letters to the client: the page (and a template's preview) read the case; a draft
  // is written from it, thrown away, or sent to the client.
  "case.progress_letter.viewed": "consultation",
  "case.progress_letter.drafted": "collection",
  "case.progress_letter.discarded": "erasure",
  "case.progress_letter.sent": "disclosure",
};

/** Areas that are about accounts, access and the network's own set-up, never a data subject. */
const AREAS: Record<string, IcoCategory> = {
  auth: "security",
  user: "security",
  membership: "security",
  organisation: "other",
  establishment: "other",
  settings: "other",
  assessment_list: "other",
  // The network's letter templates: wording, no one's record.
  letter_template: "other",
  demo: "other",
  secret: "security",
  // The breach register, the retention schedule, the policy document: the officer's own records.
  breach: "other",
  retention_rule: "other",
  policy_document: "other",
  policy: "other",
  legal_hold: "other",
  retention_sweep: "other",
  disclosure_exemption: "other",
};

/** The verb (the action's last part) and the kind of processing it is. */
const VERBS: [RegExp, IcoCategory][] = [
  [/(viewed|viewed_by_network|downloaded|printed|searched|exported)$/, "consultation"],
  [/^(merged|linked|unlinked)$/, "combination"],
  [/^(offered|sent|released|disclosed|transferred)$/, "disclosure"],
  [/(purged|erased|deleted|removed|anonymised)$/, "erasure"],
  [
    /(created|added|uploaded|imported|generated|started|recorded|representative_added|correspondence_added)$/,
    "collection",
  ],
  [
    /^(updated|changed|saved|state_changed|assigned|moved|recommended|decided|review_agreed|review_returned|handed_over|reconsideration_opened|signed_off|declined|withdrawn|offer_withdrawn|lapsed|consent_recorded|rectified|restricted)$/,
    "alteration",
  ],
];

/**
 * The ICO kind of processing an audit action is, or null for an action nobody has classified
 * yet (a unit test makes sure every action written in the code has one).
 */
export function icoCategoryOf(action: string): IcoCategory | null {
  const exact = EXACT[action];
  if (exact) return exact;
  const parts = action.split(".");
  const area = parts[0] ?? "";
  const byArea = AREAS[area];
  if (byArea) return byArea;
  if (parts.length < 2) return null;
  const verb = parts.at(-1) ?? "";
  for (const [pattern, category] of VERBS) if (pattern.test(verb)) return category;
  return null;
}

/** The actions of one kind among those given, for filtering the trail by kind. */
export function actionsOfCategory(actions: readonly string[], category: IcoCategory): string[] {
  return actions.filter((a) => icoCategoryOf(a) === category);
}

/** How an action reads on the page: "application viewed", "case document added". */
export function actionLabel(action: string): string {
  return action.replace(/[._]/g, " ");
}
