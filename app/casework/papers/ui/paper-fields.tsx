import type { FieldMetadata } from "@conform-to/react";
import { SelectField, TextField } from "~/ui/forms";

// biome-ignore lint/suspicious/noExplicitAny: the same fields of the add and the correction form
type Field = FieldMetadata<any, any, any>;

/**
 * What adding papers to the inventory and correcting an entry share: the description, where
 * the papers are and whether the project holds them.
 */
export function PaperFields({
  fields,
}: {
  fields: { description: Field; location: Field; held: Field };
}) {
  return (
    <>
      <TextField field={fields.description} label="Description (optional)" />
      <TextField field={fields.location} label="Where they are, or who has them (optional)" />
      <SelectField
        field={fields.held}
        label="Does the project hold them?"
        options={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]}
      />
    </>
  );
}
