import type { z } from "zod";
import type { ApplicantInput } from "../applicant-schema";
import { QUESTIONNAIRE_SECTIONS, type Questionnaire } from "../questionnaire";
import {
  type AboutYou,
  AboutYouSchema,
  type OnlineApplicant,
  onlineApplicantSchema,
  sectionSchema,
} from "./schemas";

/** Saved answers are kept this long after the last change. */
export const DRAFT_DAYS = 30;
/** A browser keeps access to its draft this long after the last save (draft-cookie.server.ts). */
export const DRAFT_SESSION_MINUTES = 120;

/**
 * What an application in progress holds (application_drafts.data): each page's answers as
 * its schema gave them back, so only valid answers are ever saved.
 */
export interface DraftData {
  aboutYou?: AboutYou;
  applicant?: OnlineApplicant;
  questionnaire?: Questionnaire;
}

type AboutYouForm = z.input<typeof AboutYouSchema>;
type ApplicantForm = Partial<z.input<ReturnType<typeof onlineApplicantSchema>>>;

/** A saved page's answers as the form's fields take them. */
export function aboutYouFormValues(a: AboutYou | undefined): AboutYouForm | undefined {
  if (!a) return undefined;
  return a.applyingFor === "self"
    ? { applyingFor: "self", email: a.email }
    : {
        ...a,
        email: a.email || undefined,
        applicantAgrees: "yes",
        // A draft saved before the question was asked has no answer yet.
        copies: a.copies === undefined ? undefined : a.copies ? "yes" : "no",
      };
}

export function applicantFormValues(a: OnlineApplicant | undefined): ApplicantForm {
  if (!a) return { legalCorrespondence: "yes" };
  return {
    ...a,
    aliases: a.aliases.join("\n"),
    largePrint: a.largePrint ? "on" : undefined,
    legalCorrespondence: a.legalCorrespondence ? "yes" : "no",
  };
}

export interface DraftProblem {
  step: string;
  message: string;
}

export interface ReadyApplication {
  aboutYou: AboutYou;
  applicant: ApplicantInput;
  questionnaire: Questionnaire;
}

/**
 * Checks every page again, together: a date of birth changed after the conviction date was
 * given, or a page never filled in, is found here before anything is sent.
 */
export function checkDraft(data: DraftData): {
  problems: DraftProblem[];
  ready: ReadyApplication | null;
} {
  const problems: DraftProblem[] = [];
  const collect = (step: string, issues: { message: string }[]) =>
    problems.push(...issues.map((i) => ({ step, message: i.message })));
  const q = data.questionnaire ?? {};

  const about = AboutYouSchema.safeParse(aboutYouFormValues(data.aboutYou) ?? {});
  if (!data.aboutYou)
    problems.push({ step: "about-you", message: "Say who is filling in the form" });
  else if (!about.success) collect("about-you", about.error.issues);

  const applicant = onlineApplicantSchema({ convictionDate: q.convictionDate }).safeParse(
    applicantFormValues(data.applicant),
  );
  if (!data.applicant)
    problems.push({ step: "applicant", message: "Give the applicant's details" });
  else if (!applicant.success) collect("applicant", applicant.error.issues);

  const questionnaire: Questionnaire = {};
  for (const section of QUESTIONNAIRE_SECTIONS) {
    const parsed = sectionSchema(section, { dateOfBirth: data.applicant?.dateOfBirth }).safeParse(
      Object.fromEntries(section.questions.map((x) => [x.name, q[x.name]])),
    );
    if (!parsed.success) collect(section.key, parsed.error.issues);
    else Object.assign(questionnaire, parsed.data);
  }

  if (problems.length > 0 || !about.success || !applicant.success) return { problems, ready: null };
  const { inPrison: _inPrison, ...details } = applicant.data;
  return {
    problems,
    ready: {
      aboutYou: about.data,
      applicant: details,
      questionnaire: Object.fromEntries(Object.entries(questionnaire).filter(([, v]) => v)),
    },
  };
}
