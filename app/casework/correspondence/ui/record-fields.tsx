import type { FieldMetadata } from "@conform-to/react";
import { ChoiceField, TextareaField, TextField } from "~/ui/forms";

// biome-ignore lint/suspicious/noExplicitAny: the same fields of the add and the correction form
type Field = FieldMetadata<any, any, any>;

/**
 * What the add and the correction forms of correspondence share: with whom (the client or a
 * named third party), the date and the summary.
 */
export function CorrespondenceRecordFields({
  fields,
  clientName,
}: {
  fields: { withWhom: Field; thirdParty: Field; occurredOn: Field; summary: Field };
  clientName: string;
}) {
  return (
    <>
      <ChoiceField
        field={fields.withWhom}
        label="With whom"
        type="radio"
        options={[
          { value: "client", label: `The client (${clientName})` },
          { value: "third_party", label: "A third party" },
        ]}
      />
      <TextField
        field={fields.thirdParty}
        label="The third party (if not the client)"
        hint="For example the former solicitors, the CPS, a witness."
      />
      <TextField field={fields.occurredOn} label="Date" type="date" width="medium" />
      <TextareaField field={fields.summary} label="Summary" rows={4} />
    </>
  );
}
