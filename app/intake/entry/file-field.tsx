import { type FieldMetadata, getInputProps } from "@conform-to/react";
import { ACCEPT_ATTRIBUTE, MAX_UPLOAD_LABEL } from "./upload-rules";

/** A file input for a scan, with its limits said up front. */
export function FileField({
  field,
  label,
}: {
  // biome-ignore lint/suspicious/noExplicitAny: a file field of any form
  field: FieldMetadata<any, any, any>;
  label: string;
}) {
  const { key, ...props } = getInputProps(field, { type: "file", ariaAttributes: false });
  const invalid = Boolean(field.errors?.length);
  return (
    <div className={`field${invalid ? " field-error" : ""}`}>
      <label htmlFor={field.id} className="label">
        {label}
      </label>
      <p id={field.descriptionId} className="hint">
        A PDF, JPEG or PNG of {MAX_UPLOAD_LABEL} or less. The content is checked, not the name.
      </p>
      {invalid ? (
        <p id={field.errorId} className="error-message">
          <span className="visually-hidden">Error: </span>
          {field.errors?.[0]}
        </p>
      ) : null}
      <input
        key={key}
        {...props}
        accept={ACCEPT_ATTRIBUTE}
        className="input"
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? `${field.descriptionId} ${field.errorId}` : field.descriptionId}
      />
    </div>
  );
}

/** The reply an upload form gets when the upload was refused before its fields could be read. */
export function refusedUpload(message: string, fields: Record<string, string> = {}) {
  return { status: "error" as const, initialValue: fields, error: { file: [message] } };
}
