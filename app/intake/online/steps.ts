import { QUESTIONNAIRE_SECTIONS } from "../questionnaire";

/**
 * The pages of the online application, in order. Saving to come back later is offered on
 * every page ("Save and come back later"), not required: the save page is reached from that
 * button only (decision 022).
 */
export const STEPS = [
  { key: "about-you", title: "About you" },
  { key: "applicant", title: "About the applicant" },
  ...QUESTIONNAIRE_SECTIONS.map((s) => ({ key: s.key, title: s.title })),
  { key: "check", title: "Check your answers" },
] as const;

export function stepIndex(step: string): number {
  return STEPS.findIndex((s) => s.key === step);
}

/** The page after `step`. */
export function nextStep(step: string): string {
  return STEPS[stepIndex(step) + 1]?.key ?? "check";
}

/** The further along of two steps: where a resumed application carries on. */
export function furthestStep(a: string, b: string): string {
  return stepIndex(b) > stepIndex(a) ? b : a;
}

/** "Page 3 of 9": the check page is not counted, as it is not a question. */
export function pageNumber(step: string): { n: number; of: number } {
  const pages = STEPS.filter((s) => s.key !== "check");
  return { n: pages.findIndex((s) => s.key === step) + 1, of: pages.length };
}
