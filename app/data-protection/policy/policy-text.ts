/**
 * The appropriate policy document (DPA 2018 Sch 1 Part 4): what a controller processing
 * criminal offence data under a Schedule 1 condition must keep — how it complies with the
 * Article 5 principles, and its policies on retention and erasure with how long data is kept.
 * Composed from the live settings at the moment it is generated or published; the fixed
 * wording is here, for the organisation's lawyer to review.
 */
export interface PolicyFacts {
  organisation: {
    name: string;
    kind: "network" | "project";
    address: string[];
    email: string | null;
  };
  officers: string[];
  schedule: {
    label: string;
    period: string;
    countedFrom: string;
    action: string;
    reason: string;
  }[];
  sessionIdleMinutes: number;
  generatedOn: string;
}

export interface PolicyContent {
  title: string;
  sections: { heading: string; body: string[] }[];
}

const PURPOSES = {
  network: [
    "Receiving and recording applications from people who say they were wrongly convicted, and from their representatives.",
    "Assessing each application for eligibility: whether the applicant could be innocent, and whether anything can be done to find out.",
    "Referring eligible cases, with the lines of investigation identified, to a member innocence project, and overseeing the referral.",
    "Research and reporting on applications in anonymised form.",
  ],
  project: [
    "Investigating the cases referred to the project, under the supervision of a qualified lawyer or academic.",
    "Preparing applications to the Criminal Cases Review Commission or the Scottish Criminal Cases Review Commission.",
    "Supervising and training student caseworkers, and reporting on each case to the network.",
  ],
} as const;

export function composePolicy(f: PolicyFacts): PolicyContent {
  const who = f.organisation.name;
  const contact = [
    ...f.organisation.address,
    ...(f.organisation.email ? [f.organisation.email] : []),
  ].join(", ");
  return {
    title: `Appropriate policy document: ${who}`,
    sections: [
      {
        heading: "About this document",
        body: [
          `${who} processes criminal offence data (UK GDPR Article 10) about the people whose convictions it examines. This document is the appropriate policy document required by the Data Protection Act 2018, Schedule 1, Part 4, for that processing. It was generated from the settings in force on ${f.generatedOn}.`,
          `Controller: ${who}${contact ? ` (${contact})` : ""}. Data-protection officer: ${f.officers.length ? f.officers.join(", ") : "not yet named"}.`,
        ],
      },
      {
        heading: "Purposes",
        body: [...PURPOSES[f.organisation.kind]],
      },
      {
        heading: "Conditions relied on",
        body: [
          "Article 6: legitimate interests (Article 6(1)(f)) in examining possible miscarriages of justice, balanced against the rights of the people concerned; the applicant's consent where they give it.",
          "Article 10 and DPA 2018 section 10(5), with Schedule 1, Part 3: paragraph 33 (legal claims — processing necessary for legal proceedings, prospective legal proceedings, obtaining legal advice, or establishing, exercising or defending legal rights) and paragraph 29 (consent — the applicant's signed consent and form of authority to obtain their papers).",
          "Where information about other people appears in a case (witnesses, co-defendants, victims), it is processed under the same conditions, only as far as the investigation needs it.",
        ],
      },
      {
        heading: "How the principles are met (Article 5)",
        body: [
          "Lawfulness, fairness and transparency: applicants are told at the point of application what is collected, why and who sees it; the public privacy notice explains it in plain English.",
          "Purpose limitation: data collected to examine a conviction is used for that and for anonymised research only.",
          "Data minimisation: the questionnaire asks what eligibility needs; case files hold what the investigation needs.",
          "Accuracy: records are corrected on request (rectification) and every correction is recorded in the audit trail: which fields changed, by whom and when.",
          `Storage limitation: the retention schedule below sets how long each class of record is kept and what happens at the end; sweeps run with a dry run first and the officer's approval; a legal hold suspends them.`,
          `Integrity and confidentiality: access is by role, limited to the organisation (row-level security in the database); staff and students sign in with their own accounts, officers and administrators with a second factor; sessions end after ${f.sessionIdleMinutes} minutes idle; uploaded documents and second-factor keys are encrypted at rest (AES-256-GCM); every view, change, disclosure and erasure of personal data is recorded in a tamper-evident audit trail.`,
          "Accountability: this document, the retention schedule, the breach register and the record of subject requests are kept in Clearname and reviewed by the data-protection officer.",
        ],
      },
      {
        heading: "Retention schedule",
        body:
          f.schedule.length === 0
            ? ["No retention schedule has been set yet."]
            : f.schedule.map(
                (r) =>
                  `${r.label}: kept ${r.period} from ${r.countedFrom}, then ${r.action}.${r.reason ? ` ${r.reason}` : ""}`,
              ),
      },
      {
        heading: "How erasure is done",
        body: [
          "Records due under the schedule are listed in a dry run, with why each is due; nothing held under a legal hold is included. The data-protection officer approves the sweep, which then runs in the background and can resume after an interruption.",
          "Erasure removes the rows from the database and destroys the stored files at once, without a recoverable copy; a file that another record still uses is kept for that record. Anonymisation replaces the personal details with placeholders and keeps only what research needs.",
          "The audit trail records each erasure by the record's identifier, class and reason, never the erased content, and remains verifiable afterwards.",
          "Erasure requests from individuals are answered within one calendar month; erasure is refused, with the reason given, where the record must be kept (an open case, a legal hold, legal claims).",
        ],
      },
      {
        heading: "Review",
        body: [
          "The data-protection officer reviews this document when the schedule or the processing changes and at least once a year; each published version is kept with its date.",
        ],
      },
    ],
  };
}
