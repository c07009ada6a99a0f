import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, Link } from "react-router";
import type { z } from "zod";
import type { LetterContent } from "~/letters/letter-content";
import { MERGE_FIELDS, type MergeField } from "~/letters/merge";
import {
  draftOf,
  draftTemplate,
  fieldsFor,
  LIST_LABELS,
  type PreviewTemplateSchema,
  type PublishTemplateSchema,
  printedOptions,
} from "~/letters/template-rules";
import type { LetterList, LetterTemplate, LetterTemplateKey } from "~/letters/templates";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, SelectField, TextareaField, TextField } from "~/ui/forms";

/**
 * The editor of a letter template's wording (docs/decisions/030-letter-templates-as-data.md),
 * shared by the network's administrators and a project's leads: the form, the preview and the
 * list of merge fields and of versions.
 */
type FormValue = z.input<typeof PublishTemplateSchema> & { reference?: string };

export interface Previewed {
  letter: LetterContent;
  reference: string;
  draft: z.output<typeof PreviewTemplateSchema>;
}

export function previewOf(actionData: unknown): Previewed | null {
  const a = actionData as { intent?: string; done?: boolean; value?: Previewed } | undefined;
  return a?.intent === "preview" && a.done && a.value ? a.value : null;
}

export function TemplateForm({
  defaults,
  options,
  lastResult,
  nextVersion,
  previewLabel,
  previewHint,
}: {
  defaults: ReturnType<typeof draftOf> & { reference: string };
  options: { value: string; label: string }[];
  lastResult: ReturnType<typeof resultFor>;
  nextVersion: number;
  previewLabel: string;
  previewHint: string;
}) {
  const [form, fields] = useForm<FormValue>({
    id: "template",
    lastResult,
    defaultValue: {
      ...defaults,
      basedOn: String(defaults.basedOn),
      // One empty paragraph at the end, for adding one; it is left out while it stays empty.
      paragraphs: [...defaults.paragraphs, { kind: "text", printed: "always", added: "yes" }],
    },
    shouldValidate: "onSubmit",
  });
  const paragraphs = fields.paragraphs.getFieldList();
  const summary: Record<string, { id: string; errors: string[] | undefined }> = {
    heading: fields.heading,
    salutation: fields.salutation,
    signOff: fields.signOff,
    changeNote: fields.changeNote,
    reference: fields.reference,
  };
  paragraphs.forEach((p, i) => {
    const f = p.getFieldset();
    summary[`p${i}-heading`] = f.heading;
    summary[`p${i}-text`] = f.text;
    summary[`p${i}-printed`] = f.printed;
  });
  return (
    <>
      <ErrorSummary form={form} fields={summary} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name={fields.basedOn.name} value={String(defaults.basedOn)} />
        <TextField field={fields.heading} label="Heading" />
        <TextField field={fields.salutation} label="Salutation" />
        {paragraphs.map((p, i) => {
          const f = p.getFieldset();
          const kind = f.kind.initialValue === "list" ? "list" : "text";
          const isNew = f.added.initialValue === "yes";
          return (
            <fieldset key={p.key} className="fieldset template-paragraph">
              <legend className="label">{isNew ? "Add a paragraph" : `Paragraph ${i + 1}`}</legend>
              <input type="hidden" name={f.kind.name} value={kind} />
              {isNew ? <input type="hidden" name={f.added.name} value="yes" /> : null}
              <TextField field={f.heading} label="Heading above it (optional)" />
              {kind === "list" ? (
                <>
                  <input type="hidden" name={f.each.name} value={f.each.initialValue ?? ""} />
                  <input type="hidden" name={f.prefix.name} value={f.prefix.initialValue ?? ""} />
                  <p className="hint">
                    A list: {LIST_LABELS[f.each.initialValue as LetterList] ?? "items"}, written
                    with each letter.
                  </p>
                </>
              ) : (
                <>
                  <TextareaField
                    field={f.text}
                    label={isNew ? "Text of the new paragraph (optional)" : "Text"}
                    rows={4}
                  />
                  <SelectField field={f.printed} label="Printed" options={options} />
                </>
              )}
              {isNew ? null : (
                <div className="choice">
                  <input
                    {...getInputProps(f.remove, { type: "checkbox", value: "on" })}
                    key={f.remove.key}
                  />
                  <label htmlFor={f.remove.id}>Remove this paragraph</label>
                </div>
              )}
            </fieldset>
          );
        })}
        <TextareaField
          field={fields.signOff}
          label="Sign-off"
          hint="One line each; an empty line leaves space for a signature"
          rows={4}
        />
        <h2>Preview</h2>
        <TextField
          field={fields.reference}
          label={previewLabel}
          hint={previewHint}
          width="medium"
        />
        <button type="submit" name="intent" value="preview" className="button button-secondary">
          Preview
        </button>
        <h2>Publish</h2>
        <TextareaField
          field={fields.changeNote}
          label="What changed"
          hint="Kept in the history of versions"
          rows={2}
        />
        <button type="submit" name="intent" value="publish" className="button">
          Publish as version {nextVersion}
        </button>
      </Form>
    </>
  );
}

/** The letter as the draft would make it, laid out on the page in the order of the PDF. */
export function LetterPreview({ letter, reference }: { letter: LetterContent; reference: string }) {
  return (
    <section aria-labelledby="preview-heading" className="letter-preview">
      <h2 id="preview-heading">Preview with {reference}</h2>
      <p className="hint">Nothing is published or sent until you publish.</p>
      <article className="letter">
        {letter.marking ? (
          <p>
            <strong>{letter.marking.text}</strong>
            {letter.marking.rule ? ` (${letter.marking.rule})` : ""}
          </p>
        ) : null}
        <address>
          {letter.sender.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of an address, in order
            <span key={i}>
              {line}
              <br />
            </span>
          ))}
        </address>
        <address>
          {letter.recipient.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of an address, in order
            <span key={i}>
              {line}
              <br />
            </span>
          ))}
        </address>
        <p>{letter.date}</p>
        <p>{letter.referenceLine}</p>
        <h3>{letter.heading}</h3>
        <p>{letter.salutation}</p>
        {letter.paragraphs.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a letter, in order
          <div key={i}>
            {p.heading ? <h4>{p.heading}</h4> : null}
            <p>{p.text}</p>
          </div>
        ))}
        <p>
          {letter.signOff.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of the sign-off, in order
            <span key={i}>
              {line}
              <br />
            </span>
          ))}
        </p>
      </article>
    </section>
  );
}

/** What a template's editing page is given by its loader. */
export interface TemplatePage {
  key: LetterTemplateKey;
  version: number;
  template: LetterTemplate;
  history: {
    version: number;
    publishedAt: string | null;
    publishedBy: string | null;
    changeNote: string;
  }[];
  published: number | null;
}

/** The loader's answer for a template's editing page, from its history and the request. */
export function templatePageData(
  page: {
    key: LetterTemplateKey;
    current: { version: number; template: LetterTemplate };
    history: {
      version: number;
      publishedAt: Date | null;
      publishedBy: string | null;
      changeNote: string;
    }[];
  },
  request: Request,
): TemplatePage {
  const published = normaliseSearchParams(new URL(request.url).searchParams).get("published");
  return {
    key: page.key,
    version: page.current.version,
    template: page.current.template,
    history: page.history.map((h) => ({ ...h, publishedAt: h.publishedAt?.toISOString() ?? null })),
    published: published && /^\d+$/.test(published) ? Number(published) : null,
  };
}

/** What the letters are made from, for the preview: an application, or one of a project's cases. */
const SUBJECTS = {
  application: {
    intro: "application",
    label: "Preview with the application (optional)",
    hint: "Its reference, such as CN-2026-00042; without one, the most recent application",
  },
  case: {
    intro: "case",
    label: "Preview with the case (optional)",
    hint: "Its reference, such as CN-2026-00042; without one, the project's most recently worked open case",
  },
} as const;

/** A template's editing page: the version, the form, the preview, the merge fields and the versions. */
export function TemplateEditor({
  page: d,
  actionData,
  back,
  subject,
}: {
  page: TemplatePage;
  actionData: unknown;
  back: { to: string; label: string };
  subject: keyof typeof SUBJECTS;
}) {
  const words = SUBJECTS[subject];
  // "Acknowledgement letter", but "Progress letter", not "Progress letter letter".
  const letterName = /letter$/i.test(d.template.title)
    ? d.template.title
    : `${d.template.title} letter`;
  const preview = previewOf(actionData);
  // After a preview the form shows the draft, not the version it was started from.
  const shown = preview ? draftTemplate(d.template, preview.draft) : d.template;
  const defaults = {
    ...draftOf(shown, preview?.draft.basedOn ?? d.version),
    reference: preview?.reference ?? "",
  };
  const lastResult = resultFor(actionData, "publish") ?? resultFor(actionData, "preview");
  return (
    <div className="narrow">
      <title>{`${letterName} template – Clearname`}</title>
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
      <h1>{letterName}</h1>
      {d.published !== null ? (
        <div className="notice" role="status">
          <p>Version {d.published} is published: letters made from now on use it.</p>
        </div>
      ) : null}
      <p>
        Version {d.version}
        {d.version === 1 ? ", as installed" : ""}. Change the wording below, preview it with a real{" "}
        {words.intro}, and publish it as version {d.version + 1} with a note of what changed.
      </p>
      <TemplateForm
        key={preview ? JSON.stringify(preview.draft) : `v${d.version}`}
        defaults={defaults}
        options={printedOptions(d.template)}
        lastResult={lastResult}
        nextVersion={d.version + 1}
        previewLabel={words.label}
        previewHint={words.hint}
      />
      {preview ? <LetterPreview letter={preview.letter} reference={preview.reference} /> : null}
      <details className="merge-fields">
        <summary>Merge fields you can use</summary>
        <p>
          Write a merge field in two braces, such as <code>{"{{applicant.name}}"}</code>: each
          letter prints it with that {words.intro}'s value.
        </p>
        <dl className="summary-list">
          {fieldsFor(d.key).map((name) => (
            <div key={name}>
              <dt>
                <code>{`{{${name}}}`}</code>
              </dt>
              <dd>{MERGE_FIELDS[name as MergeField]}</dd>
            </div>
          ))}
        </dl>
      </details>
      <h2>Versions</h2>
      <table className="table">
        <caption className="visually-hidden">Versions of the {letterName}</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            <th scope="col">What changed</th>
          </tr>
        </thead>
        <tbody>
          {d.history.map((h) => (
            <tr key={h.version}>
              <td>{h.version}</td>
              <td>
                {h.publishedAt
                  ? `${h.publishedAt.replace("T", " ").slice(0, 16)} UTC by ${h.publishedBy ?? "someone no longer here"}`
                  : "As installed"}
              </td>
              <td>{h.changeNote}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
