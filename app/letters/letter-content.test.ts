import { describe, expect, it } from "vitest";
import { buildLetter, deliveryAddress, type LetterFacts } from "./letter-content";
import { fieldsUsed, longDate, MERGE_FIELDS, merge, TemplateError, unknownFields } from "./merge";
import { LETTER_TEMPLATES, templateTexts } from "./templates";

const altcourse: NonNullable<LetterFacts["establishment"]> = {
  name: "HMP/YOI Altcourse",
  addressLines: ["Higher Lane", "Fazakerley", "Liverpool"],
  postcode: "L9 7LH",
  jurisdiction: "england_wales",
};

const facts: LetterFacts = {
  applicant: {
    name: "Łukasz Wróbel",
    prisonerNumber: "A1234BC",
    otherPrisonerNumber: null,
    postalAddress: null,
    largePrint: false,
    legalCorrespondence: true,
    language: null,
  },
  establishment: altcourse,
  application: { reference: "CN-2026-00042", receivedOn: "2026-11-02" },
  network: { name: "Northmoor Innocence Network", returnAddress: ["PO Box 4021", "NM1 4ZZ"] },
  date: "2026-11-09",
};

const values = Object.fromEntries(Object.keys(MERGE_FIELDS).map((k) => [k, `<${k}>`])) as Record<
  keyof typeof MERGE_FIELDS,
  string
>;

describe("merge fields", () => {
  it("fills each field, with or without spaces inside the braces", () => {
    expect(merge("Dear {{applicant.name}}, ref {{ application.reference }}.", values)).toBe(
      "Dear <applicant.name>, ref <application.reference>.",
    );
    expect(fieldsUsed("{{date}} {{date}} {{network.name}}")).toEqual(["date", "network.name"]);
  });

  it("refuses a field it does not know instead of printing a blank", () => {
    expect(() => merge("Dear {{applicant.nmae}}", values)).toThrow(TemplateError);
    expect(unknownFields(["{{applicant.nmae}} {{date}}"])).toEqual(["applicant.nmae"]);
  });

  it("prints a value that looks like a field as it is, without merging it again", () => {
    const sly = { ...values, "applicant.name": "{{network.name}} <b>&" };
    expect(merge("Dear {{applicant.name}}", sly)).toBe("Dear {{network.name}} <b>&");
  });

  it("writes dates the British way", () => {
    expect(longDate("2026-11-02")).toBe("2 November 2026");
  });

  it("has templates that use only known fields", () => {
    for (const template of Object.values(LETTER_TEMPLATES))
      expect(unknownFields(templateTexts(template))).toEqual([]);
  });
});

describe("the acknowledgement letter", () => {
  it("is addressed to the applicant at the prison, with their number", () => {
    const letter = buildLetter(LETTER_TEMPLATES.acknowledgement, facts);
    expect(letter.recipient).toEqual([
      "Łukasz Wróbel",
      "A1234BC",
      "HMP/YOI Altcourse",
      "Higher Lane",
      "Fazakerley",
      "Liverpool",
      "L9 7LH",
    ]);
    expect(letter.sender).toEqual(["Northmoor Innocence Network", "PO Box 4021", "NM1 4ZZ"]);
    expect(letter.marking).toEqual({ text: "LEGAL CORRESPONDENCE", rule: "Rule 39" });
    expect(letter.date).toBe("9 November 2026");
    expect(letter.referenceLine).toBe("Our reference: CN-2026-00042");
    expect(letter.salutation).toBe("Dear Łukasz Wróbel,");
    const body = letter.paragraphs.map((p) => p.text).join(" ");
    expect(body).toContain("We received your application on 2 November 2026.");
    expect(body).toContain("Your reference is CN-2026-00042.");
    expect(body).not.toMatch(/\{\{|\}\}/);
  });

  it("goes to the applicant's own address when they are not in prison, unmarked if they said so", () => {
    const free: LetterFacts = {
      ...facts,
      applicant: {
        ...facts.applicant,
        prisonerNumber: null,
        postalAddress: "12 Quarry Row\nBrackenfield\nBR4 2QT",
        legalCorrespondence: false,
        largePrint: true,
      },
      establishment: null,
    };
    const letter = buildLetter(LETTER_TEMPLATES.acknowledgement, free);
    expect(letter.recipient).toEqual(["Łukasz Wróbel", "12 Quarry Row", "Brackenfield", "BR4 2QT"]);
    expect(letter.marking).toBeNull();
    expect(letter.largePrint).toBe(true);
  });

  it("names the prison once when its address already starts with its name", () => {
    const garth = {
      ...altcourse,
      name: "HMP Garth",
      addressLines: ["HM Prison Garth", "Ulnes Walton Lane", "Leyland"],
      postcode: "PR26 8NE",
    };
    expect(deliveryAddress({ ...facts, establishment: garth }).lines).toEqual([
      "HM Prison Garth",
      "Ulnes Walton Lane",
      "Leyland",
      "PR26 8NE",
    ]);
  });

  it("knows when there is no address a letter could be posted to", () => {
    const unmatched = { ...altcourse, addressLines: [], postcode: null };
    expect(deliveryAddress({ ...facts, establishment: unmatched })).toEqual({
      lines: ["HMP/YOI Altcourse"],
      complete: false,
    });
    const nowhere = { ...facts, establishment: null };
    expect(deliveryAddress(nowhere).complete).toBe(false);
  });

  it("marks Scottish prison post under rule 57", () => {
    const scottish: LetterFacts = {
      ...facts,
      establishment: { ...altcourse, jurisdiction: "scotland" },
    };
    expect(buildLetter(LETTER_TEMPLATES.acknowledgement, scottish).marking?.rule).toBe("Rule 57");
  });
});
