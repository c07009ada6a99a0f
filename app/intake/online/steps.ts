import { QUESTIONNAIRE_SECTIONS } from "../questionnaire";

/**
 * The pages of the online application, in order. "save" comes straight after the first page:
 * once someone has a reference and a secret, nothing they save later can be lost to an ended
 * session or a closed browser.
 */
export const STEPS = [
  { key: "about-you", title: "About you" },
  { key: "save", title: "Save your application" },
  { key: "applicant", title: "About the applicant" },
  ...QUESTIONNAIRE_SECTIONS.map((s) => ({ key: s.key, title: s.title })),
  { key: "check", title: "Check your answers" },
] as const;

export function stepIndex(step: string): number {
  return STEPS.findIndex((s) => s.key === step);
}

/** The page after `step`; the save page is skipped once a secret has been chosen. */
export function nextStep(step: string, hasSecret: boolean): string {
  const after = STEPS.slice(stepIndex(step) + 1).find((s) => !(s.key === "save" && hasSecret));
  return after?.key ?? "check";
}

/** The further along of two steps: where a resumed application carries on. */
export function furthestStep(a: string, b: string): string {
  return stepIndex(b) > stepIndex(a) ? b : a;
}

/** "Page 3 of 10": the save page is not counted, as it is not a question. */
export function pageNumber(step: string): { n: number; of: number } {
  const pages = STEPS.filter((s) => s.key !== "save" && s.key !== "check");
  return { n: pages.findIndex((s) => s.key === step) + 1, of: pages.length };
}
