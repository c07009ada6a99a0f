import { describe, expect, it } from "vitest";
import { unknownFields } from "./merge";
import {
  draftOf,
  draftTemplate,
  mergeFieldProblem,
  PreviewTemplateSchema,
  PublishTemplateSchema,
  parsePrinted,
  printedOf,
  printedOptions,
  StoredTemplateSchema,
} from "./template-rules";
import { LETTER_TEMPLATES, templateTexts } from "./templates";

const ack = LETTER_TEMPLATES.acknowledgement;

/** The edit form of a template as a browser posts it: flat names, as Conform reads them. */
function posted(draft: ReturnType<typeof draftOf>, extra: Record<string, string> = {}) {
  const form: Record<string, string> = {
    basedOn: String(draft.basedOn),
    heading: draft.heading,
    salutation: draft.salutation,
    signOff: draft.signOff,
  };
  draft.paragraphs.forEach((p, i) => {
    for (const [name, value] of Object.entries(p))
      if (value !== undefined) form[`paragraphs[${i}].${name}`] = String(value);
  });
  return { ...form, ...extra };
}

function parse(
  schema: typeof PublishTemplateSchema | typeof PreviewTemplateSchema,
  form: Record<string, string>,
) {
  const nested: Record<string, unknown> = {};
  const paragraphs: Record<string, string>[] = [];
  for (const [name, value] of Object.entries(form)) {
    const m = /^paragraphs\[(\d+)\]\.(\w+)$/.exec(name);
    if (m) {
      const i = Number(m[1]);
      paragraphs[i] = { ...paragraphs[i], [m[2] ?? ""]: value };
    } else nested[name] = value;
  }
  return schema.safeParse({ ...nested, paragraphs });
}

function issuesOf(result: ReturnType<typeof parse>) {
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("merge fields in a template's text", () => {
  it("accepts every field merge.ts knows, and plain text", () => {
    expect(mergeFieldProblem("Dear {{applicant.name}}, on {{ date }}")).toBeNull();
    expect(mergeFieldProblem("No fields at all.")).toBeNull();
  });

  it("refuses a field merge.ts does not know, naming it", () => {
    const problem = mergeFieldProblem("Dear {{applicant.firstName}},");
    expect(problem).toContain("{{applicant.firstName}} is not a merge field");
  });

  it("refuses braces that do not make a field, which would be printed as they are", () => {
    expect(mergeFieldProblem("Dear {{applicant name}},")).toContain("two braces");
    expect(mergeFieldProblem("Dear {applicant.name}}")).toContain("two braces");
  });
});

describe("when a paragraph is printed", () => {
  it("goes to the form and back unchanged for every paragraph of the code's templates", () => {
    for (const t of Object.values(LETTER_TEMPLATES))
      for (const p of t.paragraphs)
        if ("text" in p) {
          const { when, unless } = p;
          expect(parsePrinted(printedOf(p))).toEqual({
            ...(when ? { when } : {}),
            ...(unless ? { unless: [...unless] } : {}),
          });
        }
  });

  it("refuses a condition no letter knows", () => {
    expect(parsePrinted("when:full_moon")).toBeNull();
    expect(parsePrinted("unless:")).toBeNull();
    expect(parsePrinted("sometimes")).toBeNull();
    expect(parsePrinted("when:ccrc,sccrc")).toBeNull();
  });

  it("offers the 'unless' a template already uses", () => {
    const values = printedOptions(ack).map((o) => o.value);
    expect(values).toContain("unless:online_self,online_for_you");
    expect(values).toContain("always");
    expect(values).toContain("when:appeal_window_open");
  });
});

describe("the edit form", () => {
  it("makes the same template back from an unchanged form", () => {
    for (const t of Object.values(LETTER_TEMPLATES)) {
      const result = parse(PreviewTemplateSchema, posted(draftOf(t, 1)));
      expect(issuesOf(result)).toEqual({});
      if (!result.success) continue;
      expect(draftTemplate(t, result.data)).toEqual({
        ...t,
        paragraphs: t.paragraphs.map((p) => ({
          ...p,
          ...("unless" in p && p.unless ? { unless: [...p.unless] } : {}),
        })),
        signOff: [...t.signOff],
      });
    }
  });

  it("changes a paragraph's text, removes one and adds one", () => {
    const form = posted(draftOf(ack, 1), {
      "paragraphs[3].text": "Your reference is {{application.reference}}. Please quote it.",
      "paragraphs[5].remove": "on",
      "paragraphs[7].kind": "text",
      "paragraphs[7].added": "yes",
      "paragraphs[7].printed": "always",
      "paragraphs[7].text": "A new last paragraph.",
    });
    const result = parse(PreviewTemplateSchema, form);
    expect(issuesOf(result)).toEqual({});
    if (!result.success) return;
    const t = draftTemplate(ack, result.data);
    const texts = t.paragraphs.map((p) => ("text" in p ? p.text : ""));
    expect(texts).toHaveLength(ack.paragraphs.length);
    expect(texts[3]).toBe("Your reference is {{application.reference}}. Please quote it.");
    expect(texts).not.toContain(
      "Please send copies, not original documents. We cannot give you legal advice. If you have a deadline for an appeal, do not wait to hear from us: speak to a solicitor now.",
    );
    expect(texts.at(-1)).toBe("A new last paragraph.");
    // What the form does not edit stays as it was.
    expect(t.title).toBe(ack.title);
    expect(t.recipient).toEqual(ack.recipient);
  });

  it("leaves out the empty paragraph offered for adding one", () => {
    const form = posted(draftOf(ack, 1), {
      "paragraphs[7].kind": "text",
      "paragraphs[7].added": "yes",
      "paragraphs[7].printed": "always",
    });
    const result = parse(PreviewTemplateSchema, form);
    expect(issuesOf(result)).toEqual({});
    if (result.success)
      expect(draftTemplate(ack, result.data).paragraphs).toHaveLength(ack.paragraphs.length);
  });

  it("refuses an unknown merge field on the field it is in", () => {
    const form = posted(draftOf(ack, 1), {
      salutation: "Dear {{applicant.title}} {{applicant.name}},",
      "paragraphs[2].text": "{{referrer.name}} applied for you.",
    });
    const issues = issuesOf(parse(PreviewTemplateSchema, form));
    expect(issues.salutation).toContain("{{applicant.title}} is not a merge field");
    expect(issues["paragraphs.2.text"]).toContain("{{referrer.name}} is not a merge field");
  });

  it("refuses an emptied paragraph that is not ticked for removal, and a made-up condition", () => {
    const form = posted(draftOf(ack, 1), {
      "paragraphs[1].printed": "when:full_moon",
    });
    delete form["paragraphs[0].text"];
    const issues = issuesOf(parse(PreviewTemplateSchema, form));
    expect(issues["paragraphs.0.text"]).toContain("Remove this paragraph");
    expect(issues["paragraphs.1.printed"]).toBe("Choose when the paragraph is printed");
  });

  it("refuses a letter with every paragraph removed", () => {
    const form = posted(draftOf(ack, 1));
    ack.paragraphs.forEach((_, i) => {
      form[`paragraphs[${i}].remove`] = "on";
    });
    expect(issuesOf(parse(PreviewTemplateSchema, form)).heading).toBe(
      "A letter needs at least one paragraph",
    );
  });

  it("needs a change note to publish, not to preview", () => {
    const form = posted(draftOf(ack, 1));
    expect(issuesOf(parse(PublishTemplateSchema, form)).changeNote).toContain("Say what changed");
    expect(parse(PreviewTemplateSchema, form).success).toBe(true);
  });

  it("keeps a list paragraph as a list, and refuses a list no letter fills", () => {
    const t = LETTER_TEMPLATES.decision_ineligible;
    const result = parse(PreviewTemplateSchema, posted(draftOf(t, 1)));
    if (!result.success) throw new Error("the ineligible letter's form does not parse");
    expect(draftTemplate(t, result.data).paragraphs.filter((p) => "each" in p)).toEqual([
      { heading: "Why we reached this decision", each: "reasons" },
      { each: "notes" },
    ]);
    const reasonsAt = t.paragraphs.findIndex((p) => "each" in p);
    const bad = posted(draftOf(t, 1), { [`paragraphs[${reasonsAt}].each`]: "secrets" });
    expect(
      issuesOf(parse(PreviewTemplateSchema, bad))[`paragraphs.${reasonsAt}.each`],
    ).toBeTruthy();
  });
});

describe("a stored version", () => {
  it("reads back every code template, and what draftTemplate makes has only known fields", () => {
    for (const t of Object.values(LETTER_TEMPLATES)) {
      expect(StoredTemplateSchema.parse(JSON.parse(JSON.stringify(t)))).toEqual(
        JSON.parse(JSON.stringify(t)),
      );
      expect(unknownFields(templateTexts(t))).toEqual([]);
    }
  });

  it("refuses content that is not a template", () => {
    expect(StoredTemplateSchema.safeParse({ key: "acknowledgement", title: 3 }).success).toBe(
      false,
    );
    expect(
      StoredTemplateSchema.safeParse({
        ...ack,
        key: "love_letter",
        paragraphs: [...ack.paragraphs],
      }).success,
    ).toBe(false);
  });
});
