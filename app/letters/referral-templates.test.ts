import { describe, expect, it } from "vitest";
import { buildLetter, type LetterFacts } from "./letter-content";
import { LETTER_TEMPLATES } from "./templates";

const facts: LetterFacts = {
  applicant: {
    name: "Dafydd Price",
    prisonerNumber: "A4321ZX",
    otherPrisonerNumber: null,
    postalAddress: null,
    largePrint: true,
    legalCorrespondence: true,
    language: null,
  },
  establishment: {
    name: "HMP Berwyn",
    addressLines: ["Bridge Road", "Wrexham Industrial Estate", "Wrexham"],
    postcode: "LL13 9QE",
    jurisdiction: "england_wales",
  },
  application: { reference: "CN-2026-00101", receivedOn: "2026-02-10" },
  network: { name: "Northmoor Innocence Network", returnAddress: ["PO Box 4021", "NM1 4ZZ"] },
  date: "2026-12-01",
  extras: { projectName: "Ashdown University Innocence Project" },
};

const body = (l: ReturnType<typeof buildLetter>) => l.paragraphs.map((p) => p.text).join("\n");

describe("the referral accepted letter", () => {
  const letter = buildLetter(LETTER_TEMPLATES.referral_accepted, facts);

  it("names the project, and says its students and supervising lawyer will write", () => {
    expect(letter.heading).toBe("A member project has taken on your case");
    expect(body(letter)).toContain(
      "Ashdown University Innocence Project has agreed to look into your case",
    );
    expect(body(letter)).toContain("The students and the supervising lawyer");
  });

  it("promises no outcome and gives no legal advice", () => {
    expect(body(letter)).toContain("cannot give you legal advice");
    expect(body(letter)).toContain("we cannot promise what will happen");
  });

  it("asks them to keep writing to the network with their reference", () => {
    expect(body(letter)).toContain("such as your address");
    expect(body(letter)).toContain("CN-2026-00101");
    expect(body(letter)).not.toMatch(/\{\{|\}\}/);
  });

  it("is large print and Legal Correspondence as asked, and signed by the referrals team", () => {
    expect(letter.largePrint).toBe(true);
    expect(letter.marking).toEqual({ text: "LEGAL CORRESPONDENCE", rule: "Rule 39" });
    expect(letter.signOff).toContain("The referrals team");
  });
});

describe("the project closed letter", () => {
  const letter = buildLetter(LETTER_TEMPLATES.project_closed, facts);

  it("says the project closed and the network will look for another", () => {
    const text = body(letter);
    expect(text).toContain("Ashdown University Innocence Project, the member project");
    expect(text).toContain("has closed");
    expect(text).toContain("We will look for another member project");
    expect(text).toContain("There is nothing you need to do.");
    expect(text).toContain("CN-2026-00101");
    expect(text).not.toMatch(/\{\{|\}\}/);
  });
});
