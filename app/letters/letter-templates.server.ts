import { and, desc, eq, max } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applications, letterTemplates, organisations, users } from "~/db/schema";
import { conflict, forbidden, invalid, notFound } from "~/errors/app-error";
import { buildLetter, type LetterContent, type LetterExtras } from "./letter-content";
import { loadLetterSubjects } from "./letter-facts.server";
import {
  draftTemplate,
  fieldsFor,
  isTemplateKey,
  mergeFieldProblem,
  StoredTemplateSchema,
  type TemplateDraft,
} from "./template-rules";
import {
  isProjectTemplateKey,
  LETTER_TEMPLATES,
  type LetterTemplate,
  type LetterTemplateKey,
} from "./templates";

/**
 * Letter templates as data (docs/decisions/030-letter-templates-as-data.md): the network's
 * administrators publish new versions of a template; a letter is made from the newest and
 * records which version it was, so that it is made again from that one. Version 1 of each
 * template is the one in code (app/letters/templates.ts).
 */
export interface VersionedTemplate {
  template: LetterTemplate;
  version: number;
}

const CODE_VERSION = 1;

function fromRow(
  key: LetterTemplateKey,
  row: { content: unknown; version: number },
): VersionedTemplate {
  const parsed = StoredTemplateSchema.safeParse(row.content);
  if (!parsed.success || parsed.data.key !== key)
    throw new Error(`letter template ${key} version ${row.version} is not a template`);
  return { template: parsed.data, version: row.version };
}

/** The version new letters of this kind are made from: the newest published, or the code's. */
export async function currentTemplate(
  tx: Queryable,
  key: LetterTemplateKey,
): Promise<VersionedTemplate> {
  const [row] = await tx
    .select({ content: letterTemplates.content, version: letterTemplates.version })
    .from(letterTemplates)
    .where(eq(letterTemplates.key, key))
    .orderBy(desc(letterTemplates.version))
    .limit(1);
  return row ? fromRow(key, row) : { template: LETTER_TEMPLATES[key], version: CODE_VERSION };
}

/**
 * The version of one of a project's own letters (the progress letter) new letters are made
 * from: the newest the project's leads published, or the code's.
 */
export async function currentProjectTemplate(
  tx: Queryable,
  key: LetterTemplateKey,
  projectId: string,
): Promise<VersionedTemplate> {
  const [row] = await tx
    .select({ content: letterTemplates.content, version: letterTemplates.version })
    .from(letterTemplates)
    .where(and(eq(letterTemplates.key, key), eq(letterTemplates.organisationId, projectId)))
    .orderBy(desc(letterTemplates.version))
    .limit(1);
  return row ? fromRow(key, row) : { template: LETTER_TEMPLATES[key], version: CODE_VERSION };
}

/**
 * One version of a template, for making again a letter made from it. A letter that records no
 * version was made before templates had versions: from the code's, version 1.
 */
export async function templateAt(
  tx: Queryable,
  key: LetterTemplateKey,
  version: number | null,
): Promise<VersionedTemplate> {
  if (version === null || version === CODE_VERSION)
    return { template: LETTER_TEMPLATES[key], version: CODE_VERSION };
  const [row] = await tx
    .select({ content: letterTemplates.content, version: letterTemplates.version })
    .from(letterTemplates)
    .where(and(eq(letterTemplates.key, key), eq(letterTemplates.version, version)));
  if (!row) throw notFound("letter template version");
  return fromRow(key, row);
}

/** One version of one of a project's own templates, for a letter made from it; 1 is the code's. */
export async function projectTemplateAt(
  tx: Queryable,
  key: LetterTemplateKey,
  projectId: string,
  version: number,
): Promise<VersionedTemplate> {
  if (version === CODE_VERSION) return { template: LETTER_TEMPLATES[key], version: CODE_VERSION };
  const [row] = await tx
    .select({ content: letterTemplates.content, version: letterTemplates.version })
    .from(letterTemplates)
    .where(
      and(
        eq(letterTemplates.key, key),
        eq(letterTemplates.organisationId, projectId),
        eq(letterTemplates.version, version),
      ),
    );
  if (!row) throw notFound("letter template version");
  return fromRow(key, row);
}

/** A letter made from a versioned template: the content records the version. */
export function buildVersionedLetter(
  v: VersionedTemplate,
  facts: Parameters<typeof buildLetter>[1],
): LetterContent {
  return { ...buildLetter(v.template, facts), templateVersion: v.version };
}

function mustEdit(acting: Acting) {
  if (!can(acting.viewer, "manage:settings:any"))
    throw forbidden("Only the network's administrators can change letter templates.");
}

/** A network template's key: a project's own letters are edited by its leads, not here. */
function templateKey(key: string | undefined): LetterTemplateKey {
  if (!isTemplateKey(key) || isProjectTemplateKey(key)) throw notFound("letter template");
  return key;
}

/**
 * Whose versions of a template are edited: the network's, by its administrators, or one
 * project's own letter, by that project's leads.
 */
export interface TemplateOwner {
  organisationId: string;
  key: LetterTemplateKey;
  current: VersionedTemplate;
}

async function networkOwner(
  tx: Queryable,
  acting: Acting,
  keyParam: string | undefined,
): Promise<TemplateOwner> {
  mustEdit(acting);
  const key = templateKey(keyParam);
  return { organisationId: await networkId(tx), key, current: await currentTemplate(tx, key) };
}

/** One of a project's own templates, for a lead of that project; anyone else is refused. */
export async function projectOwner(
  tx: Queryable,
  acting: Acting,
  projectId: string,
  keyParam: string | undefined,
): Promise<TemplateOwner> {
  if (!isTemplateKey(keyParam) || !isProjectTemplateKey(keyParam))
    throw notFound("letter template");
  if (!can(acting.viewer, "manage:case:own", projectId))
    throw forbidden("Only the project's leads can change its letters.");
  const [project] = await tx
    .select({ kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, projectId));
  if (project?.kind !== "project") throw notFound("project");
  return {
    organisationId: projectId,
    key: keyParam,
    current: await currentProjectTemplate(tx, keyParam, projectId),
  };
}

export interface TemplateSummary {
  key: LetterTemplateKey;
  title: string;
  version: number;
  publishedAt: Date | null;
  publishedBy: string | null;
}

/** Every template with its current version, for the administration list. */
export async function listLetterTemplates(
  tx: Queryable,
  acting: Acting,
): Promise<TemplateSummary[]> {
  mustEdit(acting);
  const rows = await tx
    .select({
      key: letterTemplates.key,
      version: letterTemplates.version,
      publishedAt: letterTemplates.publishedAt,
      publishedBy: users.name,
    })
    .from(letterTemplates)
    .leftJoin(users, eq(users.id, letterTemplates.publishedBy))
    .orderBy(desc(letterTemplates.version));
  // A project's own letters are its leads' to edit (organisations/:id/letter-templates).
  const keys = (Object.keys(LETTER_TEMPLATES) as LetterTemplateKey[]).filter(
    (key) => !isProjectTemplateKey(key),
  );
  return keys.map((key) => {
    const newest = rows.find((r) => r.key === key);
    return {
      key,
      title: LETTER_TEMPLATES[key].title,
      version: newest?.version ?? CODE_VERSION,
      publishedAt: newest?.publishedAt ?? null,
      publishedBy: newest?.publishedBy ?? null,
    };
  });
}

export interface TemplateVersionEntry {
  version: number;
  publishedAt: Date | null;
  publishedBy: string | null;
  changeNote: string;
}

/** A template's current version and the history of its versions, newest first. */
export async function getTemplateForEditing(
  tx: Queryable,
  acting: Acting,
  keyParam: string | undefined,
) {
  return templateHistory(tx, await networkOwner(tx, acting, keyParam));
}

/** A template's current version and its history, for whoever owns it (already checked). */
export async function templateHistory(
  tx: Queryable,
  owner: TemplateOwner,
): Promise<{
  key: LetterTemplateKey;
  current: VersionedTemplate;
  history: TemplateVersionEntry[];
}> {
  const { key, current } = owner;
  const rows = await tx
    .select({
      version: letterTemplates.version,
      publishedAt: letterTemplates.publishedAt,
      publishedBy: users.name,
      changeNote: letterTemplates.changeNote,
    })
    .from(letterTemplates)
    .leftJoin(users, eq(users.id, letterTemplates.publishedBy))
    .where(
      and(eq(letterTemplates.key, key), eq(letterTemplates.organisationId, owner.organisationId)),
    )
    .orderBy(desc(letterTemplates.version));
  return {
    key,
    current,
    history: [
      ...rows,
      {
        version: CODE_VERSION,
        publishedAt: null,
        publishedBy: null,
        changeNote: "The template as Clearname was installed with it.",
      },
    ],
  };
}

/** Re-checked on the server: the content stored must never hold a field merge.ts refuses. */
function assertSound(t: LetterTemplate) {
  const allowed = fieldsFor(t.key);
  const texts = [
    t.heading,
    t.salutation,
    ...t.signOff,
    ...t.paragraphs.flatMap((p) => [p.heading ?? "", "text" in p ? p.text : ""]),
  ];
  for (const text of texts) {
    const problem = mergeFieldProblem(text, allowed);
    if (problem) throw invalid(problem);
  }
}

async function networkId(tx: Queryable): Promise<string> {
  const [network] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.kind, "network"))
    .orderBy(organisations.createdAt)
    .limit(1);
  if (!network) throw notFound("network");
  return network.id;
}

/**
 * Publishes a draft as the template's next version, from which new letters are made. A draft
 * started from an older version than the current one is refused: someone published meanwhile.
 */
export async function publishLetterTemplate(
  tx: Queryable,
  acting: Acting,
  keyParam: string | undefined,
  input: TemplateDraft & { changeNote: string },
): Promise<{ key: LetterTemplateKey; version: number }> {
  mustEdit(acting);
  return publishTemplateVersion(tx, acting, await networkOwner(tx, acting, keyParam), input);
}

/**
 * Publishes a draft as the next version of a template of the network or of one project, whose
 * right to it the caller has checked (the database checks it again as the row is inserted).
 */
export async function publishTemplateVersion(
  tx: Queryable,
  acting: Acting,
  owner: TemplateOwner,
  input: TemplateDraft & { changeNote: string },
): Promise<{ key: LetterTemplateKey; version: number }> {
  const { key, organisationId } = owner;
  // Versions are numbered one after another: publishing takes the owner's row as a lock (a
  // project's leads may change their project's details, so they may lock its row).
  await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .for("update");
  const current = isProjectTemplateKey(key)
    ? await currentProjectTemplate(tx, key, organisationId)
    : await currentTemplate(tx, key);
  if (input.basedOn !== current.version)
    throw conflict(
      `Version ${current.version} of this template was published after you started editing version ${input.basedOn}. Reload the page to edit the current version.`,
    );
  const template = draftTemplate(current.template, input);
  assertSound(template);
  const [newest] = await tx
    .select({ version: max(letterTemplates.version) })
    .from(letterTemplates)
    .where(and(eq(letterTemplates.organisationId, organisationId), eq(letterTemplates.key, key)));
  const version = (newest?.version ?? CODE_VERSION) + 1;
  const [row] = await tx
    .insert(letterTemplates)
    .values({
      organisationId,
      key,
      version,
      content: template,
      changeNote: input.changeNote,
      publishedBy: acting.viewer.id,
    })
    .returning({ id: letterTemplates.id });
  if (!row) throw new Error("letter template insert returned nothing");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "letter_template.published",
    entityType: "letter_template",
    entityId: row.id,
    organisationId,
    details: { key, version, changeNote: input.changeNote },
  });
  return { key, version };
}

/** What a preview puts in place of a list: its items come from an assessment, not the template. */
const SAMPLE_LISTS: LetterExtras["lists"] = {
  reasons: ["[Each reason for the decision chosen in the assessment, one paragraph each]"],
  notes: ["[The assessor's notes, when whoever records the decision chooses to print them]"],
  requested: ["[Each thing the applicant is asked for, one paragraph each]"],
};

/**
 * A draft merged with a real application, to see before publishing: the one whose reference is
 * given, or the most recent. Showing it shows the applicant's name and address, so it is
 * recorded as a view of their file. Paragraphs printed on a condition are shown when the
 * application's facts hold it; lists show what fills them.
 */
export async function previewLetterTemplate(
  tx: Queryable,
  acting: Acting,
  keyParam: string | undefined,
  input: TemplateDraft,
): Promise<{ letter: LetterContent; reference: string }> {
  mustEdit(acting);
  const key = templateKey(keyParam);
  const current = await currentTemplate(tx, key);
  const template = draftTemplate(current.template, input);
  const reference = input.reference?.toUpperCase();
  const [app] = await tx
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.isDraft, false),
        reference ? eq(applications.reference, reference) : undefined,
      ),
    )
    .orderBy(desc(applications.receivedOn), desc(applications.reference))
    .limit(1);
  if (!app)
    throw invalid(
      reference
        ? `There is no application with the reference ${reference}.`
        : "There is no application to preview the letter with yet.",
      { field: "reference" },
    );
  const [subject] = await loadLetterSubjects(tx, [app.id]);
  if (!subject) throw notFound("application");
  const letter = buildLetter(template, {
    ...subject.facts,
    extras: {
      ...subject.facts.extras,
      lists: SAMPLE_LISTS,
      replyBy: subject.facts.date,
      projectName: "[the member project]",
    },
  });
  await recordAuditEvent(tx, actorOf(acting), {
    action: "application.viewed",
    entityType: "application",
    entityId: subject.applicationId,
    subjectId: subject.applicantId,
    organisationId: subject.organisationId,
    details: { page: "letter template preview", template: key },
  });
  return { letter, reference: subject.reference };
}
