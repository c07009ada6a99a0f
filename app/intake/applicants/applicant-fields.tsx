import type { FieldMetadata } from "@conform-to/react";
import { ChoiceField, SelectField, TextareaField, TextField } from "~/ui/forms";

// biome-ignore lint/suspicious/noExplicitAny: conform fields of any form that includes the applicant
type Field = FieldMetadata<any, any, any>;

export interface ApplicantFieldSet {
  fullName: Field;
  aliases: Field;
  dateOfBirth: Field;
  prisonerNumber: Field;
  otherPrisonerNumber: Field;
  establishmentId?: Field;
  postalAddress: Field;
  largePrint: Field;
  language: Field;
  legalCorrespondence: Field;
}

export interface EstablishmentChoice {
  value: string;
  label: string;
}

/**
 * The applicant's personal details as form fields (ApplicantSchema's names). The
 * establishment is asked only when recording an application; afterwards it changes by a move.
 */
export function ApplicantFields({
  fields,
  establishments,
}: {
  fields: ApplicantFieldSet;
  establishments?: EstablishmentChoice[];
}) {
  return (
    <>
      <TextField field={fields.fullName} label="Full name" autoComplete="off" />
      <TextareaField
        field={fields.aliases}
        label="Other names they have used (optional)"
        hint="One name a line: maiden names, nicknames, spellings used in court papers"
        rows={3}
      />
      <TextField
        field={fields.dateOfBirth}
        label="Date of birth (optional)"
        hint="For example 1980-05-17"
        type="date"
        width="medium"
      />
      <TextField
        field={fields.prisonerNumber}
        label="England and Wales prisoner number (optional)"
        hint="A letter, four digits and two letters, like A1234BC"
        width="medium"
      />
      <TextField
        field={fields.otherPrisonerNumber}
        label="Other prisoner number (optional)"
        hint="A Scottish (six digits, like 090000), Northern Irish or other number, as the prison writes it"
        width="medium"
      />
      {establishments && fields.establishmentId ? (
        <SelectField
          field={fields.establishmentId}
          label="Establishment where they are held (optional)"
          hint="Leave unchosen if they are not in prison"
          options={establishments}
        />
      ) : null}
      <TextareaField
        field={fields.postalAddress}
        label="Postal address when not in prison (optional)"
        rows={4}
      />
      <ChoiceField
        field={fields.largePrint}
        label="Correspondence needs"
        type="checkbox"
        options={[{ value: "on", label: "Send letters in large print" }]}
      />
      <TextField
        field={fields.language}
        label="Language for letters (optional)"
        hint="Leave empty for English"
        width="medium"
      />
      <ChoiceField
        field={fields.legalCorrespondence}
        label="Mark letters “Legal Correspondence”?"
        hint="Privileged mail (Rule 39 in England and Wales, rule 57 in Scotland) is not read by prison staff"
        type="radio"
        options={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]}
      />
    </>
  );
}

/**
 * The fields for an error summary, named one by one: Conform's `fields` is a proxy, so
 * spreading it (`{ a, ...rest }`) would give nothing.
 */
export function applicantSummaryFields(fields: ApplicantFieldSet): Record<string, Field> {
  const named: Record<string, Field | undefined> = {
    fullName: fields.fullName,
    aliases: fields.aliases,
    dateOfBirth: fields.dateOfBirth,
    prisonerNumber: fields.prisonerNumber,
    otherPrisonerNumber: fields.otherPrisonerNumber,
    establishmentId: fields.establishmentId,
    postalAddress: fields.postalAddress,
    largePrint: fields.largePrint,
    language: fields.language,
    legalCorrespondence: fields.legalCorrespondence,
  };
  return Object.fromEntries(
    Object.entries(named).filter((e): e is [string, Field] => e[1] !== undefined),
  );
}

const OUTSIDE_ENGLAND_WALES: Record<string, string> = {
  scotland: "Scotland",
  northern_ireland: "Northern Ireland",
};

/**
 * Establishments as picker options: Scottish and Northern Irish ones say so (one list, by name),
 * and closed ones are marked, since people may still be recorded there.
 */
export function establishmentChoices(
  options: { id: string; name: string; closed: boolean; jurisdiction?: string }[],
): EstablishmentChoice[] {
  return options.map((o) => {
    const notes = [OUTSIDE_ENGLAND_WALES[o.jurisdiction ?? ""], o.closed ? "closed" : undefined];
    const note = notes.filter(Boolean).join(", ");
    return { value: o.id, label: note ? `${o.name} (${note})` : o.name };
  });
}
