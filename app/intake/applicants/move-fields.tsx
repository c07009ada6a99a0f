import type { FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { SelectField, TextField } from "~/ui/forms";

/**
 * The fields of a move, the same on the network's applicant and a project's case: where they
 * are now (or released), anything the form asks in between, and the date they moved.
 */
export function MoveFields({
  establishment,
  fromDate,
  options,
  children,
}: {
  establishment: FieldMetadata<string>;
  fromDate: FieldMetadata<string>;
  options: { value: string; label: string }[];
  children?: ReactNode;
}) {
  return (
    <>
      <SelectField field={establishment} label="Where they are now" options={options} />
      {children}
      <TextField
        field={fromDate}
        label="Date they moved"
        hint="From their letter, or the date you heard, for example 2026-11-20"
        type="date"
        width="medium"
      />
      <button type="submit" className="button">
        Record the move
      </button>
    </>
  );
}
