import { z } from "zod";
import { fieldsUsed, MERGE_FIELDS } from "./merge";
import {
  isProjectTemplateKey,
  LETTER_TEMPLATES,
  type LetterCondition,
  type LetterList,
  type LetterTemplate,
  type LetterTemplateKey,
  type TemplateList,
  type TemplateParagraph,
} from "./templates";

/**
 * The rules of editing a letter template (docs/decisions/030-letter-templates-as-data.md):
 * what the edit form posts, how it becomes a template, and what makes a template unsound.
 * Pure, so the browser and the server check the same way.
 */

export const TEMPLATE_KEYS = Object.keys(LETTER_TEMPLATES) as LetterTemplateKey[];

export function isTemplateKey(value: unknown): value is LetterTemplateKey {
  return typeof value === "string" && Object.hasOwn(LETTER_TEMPLATES, value);
}

export const CONDITION_LABELS: Record<LetterCondition, string> = {
  ccrc: "the CCRC reviews the conviction (England, Wales, Northern Ireland)",
  sccrc: "the SCCRC reviews the conviction (Scotland)",
  review_body_unknown: "the conviction's jurisdiction is not recorded",
  appeal_window_open: "an ordinary appeal may still be in time",
  online_self: "the applicant applied online themselves",
  online_for_you: "someone applied online for the applicant",
  nothing_new: "a progress letter has nothing new to report",
};

export const LIST_LABELS: Record<LetterList, string> = {
  reasons: "the reasons for the decision, one paragraph each",
  notes: "the assessor's notes, when they are printed",
  requested: "what the applicant is asked for, one paragraph each",
  done: "in a progress letter, what was done on the case since the last one, one line each",
  next: "in a progress letter, what comes next on the case, one line each",
};

const CONDITIONS = Object.keys(CONDITION_LABELS) as LetterCondition[];
const LISTS = Object.keys(LIST_LABELS) as LetterList[];

/**
 * When a paragraph is printed, as the form's select posts it: "always", "when:<condition>"
 * or "unless:<condition>,<condition>".
 */
export function printedOf(p: TemplateParagraph): string {
  if (p.when) return `when:${p.when}`;
  if (p.unless?.length) return `unless:${p.unless.join(",")}`;
  return "always";
}

/** A posted "printed" value as the paragraph's condition; null when it names no known condition. */
export function parsePrinted(
  value: string,
): { when?: LetterCondition; unless?: LetterCondition[] } | null {
  if (value === "always") return {};
  const [how, rest = ""] = value.split(":", 2);
  const names = rest.split(",").filter(Boolean);
  if (names.length === 0 || !names.every((n) => (CONDITIONS as string[]).includes(n))) return null;
  const conditions = names as LetterCondition[];
  if (how === "when" && conditions.length === 1) return { when: conditions[0] };
  if (how === "unless") return { unless: conditions };
  return null;
}

const PROJECT_ONLY_FIELDS = ["project.address", "progress.since", "progress.nextOn"];
const APPLICATION_ONLY_FIELDS = [
  "application.receivedOn",
  "application.madeBy",
  "decision.replyBy",
];

/** The conditions a template's paragraphs can depend on: a project's letters have their own. */
export function conditionsFor(key: LetterTemplateKey): LetterCondition[] {
  return isProjectTemplateKey(key)
    ? ["nothing_new"]
    : CONDITIONS.filter((c) => c !== "nothing_new");
}

/** The merge fields a template's letters fill: a project's letter is made from a case. */
export function fieldsFor(key: LetterTemplateKey): string[] {
  const project = isProjectTemplateKey(key);
  return Object.keys(MERGE_FIELDS).filter((name) =>
    project
      ? !APPLICATION_ONLY_FIELDS.includes(name) && name !== "network.returnAddress"
      : !PROJECT_ONLY_FIELDS.includes(name),
  );
}

/** The choices of when a paragraph is printed: always, when each condition holds, and every "unless" the template already uses. */
export function printedOptions(t: LetterTemplate): { value: string; label: string }[] {
  const unless = [
    ...new Set(
      t.paragraphs.flatMap((p) => ("text" in p && p.unless?.length ? [printedOf(p)] : [])),
    ),
  ];
  return [
    { value: "always", label: "Always" },
    ...conditionsFor(t.key).map((c) => ({
      value: `when:${c}`,
      label: `Only when ${CONDITION_LABELS[c]}`,
    })),
    ...unless.map((value) => ({
      value,
      label: `Unless ${value
        .slice("unless:".length)
        .split(",")
        .map((c) => CONDITION_LABELS[c as LetterCondition] ?? c)
        .join(", or ")}`,
    })),
  ];
}

const FIELD_NAMES = Object.keys(MERGE_FIELDS);

/**
 * What is wrong with the merge fields of one text, or null: a field merge.ts does not know, or
 * braces that do not make a field (they would be printed as they are).
 */
export function mergeFieldProblem(text: string, allowed: string[] = FIELD_NAMES): string | null {
  const unknown = fieldsUsed(text).filter((name) => !allowed.includes(name));
  if (unknown.length)
    return `${unknown.map((n) => `{{${n}}}`).join(", ")} ${unknown.length === 1 ? "is not a merge field" : "are not merge fields"}. Use only the merge fields listed on this page, such as {{applicant.name}}.`;
  const rest = text.replace(/\{\{\s*[A-Za-z][\w.]*\s*\}\}/g, "");
  if (rest.includes("{{") || rest.includes("}}"))
    return "Write a merge field as two braces, its name and two braces, such as {{applicant.name}}; this text has braces that do not make one.";
  return null;
}

const optionalText = z.string().trim().optional();

const ParagraphInput = z.object({
  kind: z.enum(["text", "list"], { error: "The form is out of date: reload the page" }),
  heading: optionalText,
  text: optionalText,
  printed: z.string().optional(),
  each: z.string().optional(),
  prefix: z.string().optional(),
  /** Ticked to leave the paragraph out of the new version. */
  remove: z.string().optional(),
  /** The empty paragraph the form offers for adding one: left out while it stays empty. */
  added: z.string().optional(),
});

const draftShape = {
  basedOn: z.coerce
    .number({ error: "The form is out of date: reload the page" })
    .int()
    .min(1, { error: "The form is out of date: reload the page" }),
  heading: z.string({ error: "Enter the letter's heading" }).trim().min(1),
  salutation: z.string({ error: "Enter the salutation, such as Dear {{applicant.name}}," }).trim(),
  signOff: z.string({ error: "Enter the sign-off" }).trim(),
  paragraphs: z.array(ParagraphInput).default([]),
};

/** Checks of a draft that need more than one field, each on the field it is about. */
function checkDraft(
  d: {
    heading: string;
    salutation: string;
    signOff: string;
    paragraphs: z.output<typeof ParagraphInput>[];
  },
  ctx: z.RefinementCtx,
) {
  const on = (path: (string | number)[], text: string | undefined) => {
    const problem = text ? mergeFieldProblem(text) : null;
    if (problem) ctx.addIssue({ code: "custom", path, message: problem });
  };
  on(["heading"], d.heading);
  on(["salutation"], d.salutation);
  on(["signOff"], d.signOff);
  let kept = 0;
  d.paragraphs.forEach((p, i) => {
    if (p.remove) return;
    on(["paragraphs", i, "heading"], p.heading);
    if (p.kind === "list") {
      kept++;
      if (!(LISTS as string[]).includes(p.each ?? ""))
        ctx.addIssue({
          code: "custom",
          path: ["paragraphs", i, "each"],
          message: "The form is out of date: reload the page",
        });
      return;
    }
    if (!p.text) {
      if (!p.added)
        ctx.addIssue({
          code: "custom",
          path: ["paragraphs", i, "text"],
          message: "Write the paragraph, or tick “Remove this paragraph”",
        });
      return;
    }
    kept++;
    on(["paragraphs", i, "text"], p.text);
    if (parsePrinted(p.printed ?? "always") === null)
      ctx.addIssue({
        code: "custom",
        path: ["paragraphs", i, "printed"],
        message: "Choose when the paragraph is printed",
      });
  });
  if (kept === 0)
    ctx.addIssue({
      code: "custom",
      path: ["heading"],
      message: "A letter needs at least one paragraph",
    });
}

/** The edit form's "Preview": the draft, and which application to show it with. */
export const PreviewTemplateSchema = z
  .object({ ...draftShape, reference: z.string().trim().optional() })
  .superRefine(checkDraft);

/** The edit form's "Publish": the draft and why it changed. */
export const PublishTemplateSchema = z
  .object({
    ...draftShape,
    changeNote: z
      .string({ error: "Say what changed in this version, for the history" })
      .trim()
      .min(3, { error: "Say what changed in this version, for the history" })
      .max(500, { error: "Keep the change note under 500 characters" }),
  })
  .superRefine(checkDraft);

export type TemplateDraft = z.output<typeof PreviewTemplateSchema>;

/**
 * The template a draft makes: the edited heading, salutation, paragraphs and sign-off, and the
 * rest (title, sender and address blocks, which files and the post depend on) as in `base`.
 */
export function draftTemplate(
  base: LetterTemplate,
  d: Pick<TemplateDraft, "heading" | "salutation" | "signOff" | "paragraphs">,
): LetterTemplate {
  const paragraphs: (TemplateParagraph | TemplateList)[] = [];
  for (const p of d.paragraphs) {
    if (p.remove) continue;
    const heading = p.heading ? { heading: p.heading } : {};
    if (p.kind === "list") {
      paragraphs.push({
        ...heading,
        each: p.each as LetterList,
        ...(p.prefix ? { prefix: p.prefix } : {}),
      });
      continue;
    }
    if (!p.text) continue;
    paragraphs.push({ ...heading, text: p.text, ...(parsePrinted(p.printed ?? "always") ?? {}) });
  }
  return {
    ...base,
    heading: d.heading,
    salutation: d.salutation,
    paragraphs,
    signOff: d.signOff.split(/\r?\n/).map((l) => l.trim()),
  };
}

/** A template as the edit form shows it. */
export function draftOf(t: LetterTemplate, version: number) {
  return {
    basedOn: version,
    heading: t.heading,
    salutation: t.salutation,
    signOff: t.signOff.join("\n"),
    paragraphs: t.paragraphs.map((p) =>
      "each" in p
        ? { kind: "list" as const, heading: p.heading ?? "", each: p.each, prefix: p.prefix ?? "" }
        : { kind: "text" as const, heading: p.heading ?? "", text: p.text, printed: printedOf(p) },
    ),
  };
}

const TextParagraphSchema = z.object({
  heading: z.string().optional(),
  text: z.string(),
  when: z.enum(CONDITIONS as [LetterCondition, ...LetterCondition[]]).optional(),
  unless: z.array(z.enum(CONDITIONS as [LetterCondition, ...LetterCondition[]])).optional(),
});
const ListParagraphSchema = z.object({
  heading: z.string().optional(),
  each: z.enum(LISTS as [LetterList, ...LetterList[]]),
  prefix: z.string().optional(),
});

/** A stored version's content, checked as it is read back: the database holds JSON, not types. */
export const StoredTemplateSchema = z.object({
  key: z.enum(TEMPLATE_KEYS as [LetterTemplateKey, ...LetterTemplateKey[]]),
  title: z.string(),
  sender: z.array(z.string()),
  recipient: z.array(z.string()),
  heading: z.string(),
  salutation: z.string(),
  paragraphs: z.array(z.union([ListParagraphSchema, TextParagraphSchema])),
  signOff: z.array(z.string()),
});
