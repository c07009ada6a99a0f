import { type FieldMetadata, getInputProps } from "@conform-to/react";

/** One yes/no checkbox with its label beside it and its hint and error tied to it. */
export function CheckboxField({
  field,
  label,
  hint,
  required = false,
}: {
  // biome-ignore lint/suspicious/noExplicitAny: any form's boolean field
  field: FieldMetadata<any, any, any>;
  label: string;
  hint?: string;
  /**
   * A box that must be ticked to go on ("I have checked this report"). Said here, not taken
   * from the schema: a yes/no box read with a transform looks required to Conform even when
   * leaving it unticked is a fine answer.
   */
  required?: boolean;
}) {
  const { key, ...props } = getInputProps(field, { type: "checkbox", ariaAttributes: false });
  props.required = required;
  const described = [hint ? field.descriptionId : null, field.errors?.length ? field.errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={`field${field.errors?.length ? " field-error" : ""}`}>
      {field.errors?.length ? (
        <p id={field.errorId} className="error-message">
          <span className="visually-hidden">Error: </span>
          {field.errors[0]}
        </p>
      ) : null}
      <div className="choice">
        <input
          key={key}
          {...props}
          aria-invalid={field.errors?.length ? true : undefined}
          aria-describedby={described || undefined}
        />
        <label htmlFor={field.id}>{label}</label>
      </div>
      {hint ? (
        <p id={field.descriptionId} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
