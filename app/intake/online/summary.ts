import { courtJurisdictionNote } from "../court-jurisdiction";
import { QUESTIONNAIRE_SECTIONS } from "../questionnaire";
import type { DraftData } from "./draft-data";
import { RELATIONSHIPS } from "./schemas";

export interface SummarySection {
  step: string;
  title: string;
  rows: { label: string; value: string }[];
}

const NOT_GIVEN = "Not given";

/** The answers of a draft as the check-your-answers page lists them, page by page. */
export function summariseDraft(data: DraftData, prisonName: string | null): SummarySection[] {
  const about = data.aboutYou;
  const aboutRows = !about
    ? []
    : about.applyingFor === "self"
      ? [
          { label: "Who is applying", value: "The applicant" },
          { label: "Your email address", value: about.email ?? NOT_GIVEN },
        ]
      : [
          { label: "Who is applying", value: "Someone for the applicant" },
          { label: "Your name", value: about.name },
          {
            label: "How you know the applicant",
            value: RELATIONSHIPS.find((r) => r.value === about.relationship)?.label ?? "",
          },
          { label: "Your email address", value: about.email ?? NOT_GIVEN },
          { label: "Your postal address", value: about.address ?? NOT_GIVEN },
          { label: "The applicant knows and agrees", value: "Yes" },
          {
            label: "Send you copies of our letters to the applicant",
            value: about.copies ? "Yes" : "No",
          },
        ];
  const a = data.applicant;
  const applicantRows = !a
    ? []
    : [
        { label: "Full name", value: a.fullName },
        { label: "Other names", value: a.aliases.join(", ") || NOT_GIVEN },
        { label: "Date of birth", value: a.dateOfBirth ?? NOT_GIVEN },
        { label: "In prison now", value: a.inPrison === "yes" ? "Yes" : "No" },
        ...(a.inPrison === "yes"
          ? [
              { label: "Prison", value: prisonName ?? NOT_GIVEN },
              { label: "Prisoner number", value: a.prisonerNumber ?? NOT_GIVEN },
              { label: "Other prisoner number", value: a.otherPrisonerNumber ?? NOT_GIVEN },
            ]
          : [{ label: "Postal address", value: a.postalAddress ?? NOT_GIVEN }]),
        {
          label: "Letters marked as legal correspondence",
          value: a.legalCorrespondence ? "Yes" : "No",
        },
        { label: "Large print", value: a.largePrint ? "Yes" : "No" },
        { label: "Language for letters", value: a.language ?? "English" },
      ];
  const answers = data.questionnaire ?? {};
  return [
    { step: "about-you", title: "About you", rows: aboutRows },
    { step: "applicant", title: "About the applicant", rows: applicantRows },
    ...QUESTIONNAIRE_SECTIONS.map((s) => ({
      step: s.key,
      title: s.title,
      rows: s.questions.map((q) => {
        const value = answers[q.name];
        const label = q.options?.find((o) => o.value === value)?.label;
        const note = q.name === "court" ? courtJurisdictionNote(value) : null;
        const shown = label ?? value ?? "Not answered";
        return { label: q.ask ?? q.label, value: note ? `${shown} (${note})` : shown };
      }),
    })),
  ];
}
