import type { FieldMetadata } from "@conform-to/react";
import { ChoiceField, TextareaField, TextField } from "~/ui/forms";
import type { QuestionnaireSection } from "./questionnaire";

// biome-ignore lint/suspicious/noExplicitAny: conform fields of any form that includes the questionnaire
type Fields = Record<string, FieldMetadata<any, any, any>>;

/**
 * The questions of one questionnaire section as form fields. The form's schema must include
 * the questionnaire's fields under the same names (see QuestionnaireSchema).
 */
export function QuestionnaireSectionFields({
  section,
  fields,
  wording = "staff",
}: {
  section: QuestionnaireSection;
  fields: Fields;
  /** "public": each question as the public form asks it, in plain English. */
  wording?: "staff" | "public";
}) {
  return (
    <>
      {section.questions.map((asked) => {
        const q =
          wording === "public"
            ? { ...asked, label: asked.ask ?? asked.label, hint: asked.askHint ?? asked.hint }
            : asked;
        const field = fields[q.name];
        if (!field) return null;
        if (q.kind === "textarea")
          return <TextareaField key={q.name} field={field} label={q.label} hint={q.hint} />;
        if (q.kind === "choice" && q.options) {
          return (
            <ChoiceField
              key={q.name}
              field={field}
              label={q.label}
              hint={q.hint}
              type="radio"
              options={[...q.options]}
            />
          );
        }
        return (
          <TextField
            key={q.name}
            field={field}
            label={q.label}
            hint={q.hint}
            type={q.kind === "date" ? "date" : "text"}
            width={q.kind === "date" ? "medium" : undefined}
          />
        );
      })}
    </>
  );
}
