import { z } from "zod";
import {
  QUESTIONNAIRE_SECTIONS,
  QuestionnaireSchema,
  type QuestionnaireSection,
} from "../questionnaire";

/** The page after the last section, where entry is finished. */
export const FINISH_STEP = "finish";

export function sectionByKey(key: string): QuestionnaireSection | undefined {
  return QUESTIONNAIRE_SECTIONS.find((s) => s.key === key);
}

/** The step after this section: the next section, or the finishing page. */
export function nextStep(key: string): string {
  const i = QUESTIONNAIRE_SECTIONS.findIndex((s) => s.key === key);
  return QUESTIONNAIRE_SECTIONS[i + 1]?.key ?? FINISH_STEP;
}

export const SAVE_INTENTS = ["continue", "later"] as const;

/**
 * The form of one questionnaire section: its questions (as QuestionnaireSchema checks them),
 * the version the page was loaded at, and where to go after saving.
 */
export function sectionSchema(section: QuestionnaireSection) {
  const shape = QuestionnaireSchema.shape;
  return z
    .object({
      ...Object.fromEntries(section.questions.map((q) => [q.name, shape[q.name]])),
      version: z.coerce.number().int(),
      intent: z.enum(SAVE_INTENTS).default("continue"),
    })
    .superRefine((v, ctx) => {
      const answers = v as Record<string, unknown>;
      const offenceDate = answers.offenceDate as string | undefined;
      const convictionDate = answers.convictionDate as string | undefined;
      if (offenceDate && convictionDate && offenceDate > convictionDate) {
        ctx.addIssue({
          code: "custom",
          path: ["convictionDate"],
          message: "The conviction cannot be before the offence",
        });
      }
    });
}

/** Only the answers of this section, from a parsed section form. */
export function sectionAnswers(
  section: QuestionnaireSection,
  value: Record<string, unknown>,
): Record<string, string | undefined> {
  return Object.fromEntries(
    section.questions.map((q) => {
      const answer = value[q.name];
      return [q.name, typeof answer === "string" && answer ? answer : undefined];
    }),
  );
}
