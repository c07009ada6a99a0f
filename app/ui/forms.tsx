import {
  type FieldMetadata,
  type FormMetadata,
  getCollectionProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
} from "@conform-to/react";
import { type ComponentProps, useEffect, useRef } from "react";
import { Form, useRouteLoaderData } from "react-router";

/** The CSRF token of this browser (checked in app/access/csrf.server.ts). */
export function useCsrfToken(): string {
  const root = useRouteLoaderData("root") as { csrf?: string } | undefined;
  return root?.csrf ?? "";
}

/** The one-time key of the forms on this page, new after every change that succeeds. */
export function useFormKey(): string {
  const root = useRouteLoaderData("root") as { formKey?: string } | undefined;
  return root?.formKey ?? "";
}

/** The hidden one-time key (`_submission`) that stops a resent form from running twice. */
export function SubmissionKeyInput() {
  return <input type="hidden" name="_submission" value={useFormKey()} />;
}

/**
 * The hidden fields every state-changing form carries: the CSRF token and the submission's
 * one-time key. An upload form (multipart/form-data) puts the CSRF token in its action URL
 * instead, `?_csrf=${useCsrfToken()}`, and carries `SubmissionKeyInput` in its body.
 */
export function CsrfInput() {
  return (
    <>
      <input type="hidden" name="_csrf" value={useCsrfToken()} />
      <SubmissionKeyInput />
    </>
  );
}

/**
 * A form that posts a file (multipart/form-data): the CSRF token goes in its action URL, the
 * body being read as it streams in, and the one-time key in its body.
 */
export function UploadForm({ children, ...props }: ComponentProps<typeof Form>) {
  const csrf = useCsrfToken();
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      action={`?_csrf=${encodeURIComponent(csrf)}`}
      {...props}
    >
      <SubmissionKeyInput />
      {children}
    </Form>
  );
}

// biome-ignore lint/suspicious/noExplicitAny: any form's fields
type AnyField = FieldMetadata<any, any, any>;

/**
 * The GOV.UK error summary: at the top of the form, focused when it appears, each message
 * a link to its field. Works the same with JavaScript off, because the server renders it.
 */
export function ErrorSummary({
  form,
  fields,
}: {
  form: Pick<FormMetadata, "id" | "errors">;
  fields: Record<string, Pick<AnyField, "id" | "errors">>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const fieldErrors = Object.values(fields).filter((f) => f.errors && f.errors.length > 0);
  const formErrors = form.errors ?? [];
  const count = fieldErrors.length + formErrors.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count]);
  if (count === 0) return null;
  return (
    <div
      className="error-summary"
      role="alert"
      aria-labelledby={`${form.id}-summary-title`}
      tabIndex={-1}
      ref={ref}
    >
      <h2 id={`${form.id}-summary-title`}>There is a problem</h2>
      <ul>
        {formErrors.map((message) => (
          <li key={message}>{message}</li>
        ))}
        {fieldErrors.map((f) => (
          <li key={f.id}>
            <a href={`#${f.id}`}>{f.errors?.[0]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function FieldError({ field }: { field: AnyField }) {
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} className="error-message">
      <span className="visually-hidden">Error: </span>
      {field.errors[0]}
    </p>
  );
}

interface FieldProps {
  field: AnyField;
  label: string;
  hint?: string;
}

function Hint({ field, hint }: { field: AnyField; hint?: string }) {
  return hint ? (
    <p id={field.descriptionId} className="hint">
      {hint}
    </p>
  ) : null;
}

function describedBy(field: AnyField, hint?: string): string | undefined {
  const ids = [
    hint ? field.descriptionId : null,
    field.errors?.length ? field.errorId : null,
  ].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function TextField({
  field,
  label,
  hint,
  type = "text",
  autoComplete,
  width,
}: FieldProps & {
  type?: "text" | "email" | "password" | "date" | "datetime-local" | "number";
  autoComplete?: string;
  width?: "short" | "medium";
}) {
  const props = getInputProps(field, { type, ariaAttributes: false });
  return (
    <div className={`field${field.errors?.length ? " field-error" : ""}`}>
      <label htmlFor={field.id} className="label">
        {label}
      </label>
      <Hint field={field} hint={hint} />
      <FieldError field={field} />
      <input
        {...props}
        key={props.key}
        className={`input${width ? ` input-${width}` : ""}`}
        autoComplete={autoComplete}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy(field, hint)}
      />
    </div>
  );
}

export function SelectField({
  field,
  label,
  hint,
  options,
}: FieldProps & { options: { value: string; label: string }[] }) {
  const { key, ...props } = getSelectProps(field, { ariaAttributes: false });
  return (
    <div className={`field${field.errors?.length ? " field-error" : ""}`}>
      <label htmlFor={field.id} className="label">
        {label}
      </label>
      <Hint field={field} hint={hint} />
      <FieldError field={field} />
      <select
        key={key}
        {...props}
        className="select"
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy(field, hint)}
      >
        <option value="">Choose…</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Radios or checkboxes in a fieldset whose legend is the question. */
export function ChoiceField({
  field,
  label,
  hint,
  options,
  type,
}: FieldProps & { options: { value: string; label: string }[]; type: "radio" | "checkbox" }) {
  const choices = getCollectionProps(field, {
    type,
    options: options.map((o) => o.value),
    ariaAttributes: false,
  });
  return (
    <div className={`field${field.errors?.length ? " field-error" : ""}`}>
      <fieldset
        className="fieldset"
        aria-describedby={describedBy(field, hint)}
        id={field.id}
        tabIndex={-1}
      >
        <legend className="label">{label}</legend>
        <Hint field={field} hint={hint} />
        <FieldError field={field} />
        <div className="choices">
          {choices.map(({ key, ...props }, i) => (
            <div className="choice" key={key}>
              {/* A checkbox marked required would mean every box must be ticked. */}
              <input
                {...props}
                required={type === "checkbox" ? false : props.required}
                id={`${field.id}-${i}`}
              />
              <label htmlFor={`${field.id}-${i}`}>{options[i]?.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function TextareaField({ field, label, hint, rows = 5 }: FieldProps & { rows?: number }) {
  const { key, ...props } = getTextareaProps(field, { ariaAttributes: false });
  return (
    <div className={`field${field.errors?.length ? " field-error" : ""}`}>
      <label htmlFor={field.id} className="label">
        {label}
      </label>
      <Hint field={field} hint={hint} />
      <FieldError field={field} />
      <textarea
        key={key}
        {...props}
        rows={rows}
        className="textarea"
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy(field, hint)}
      />
    </div>
  );
}
