import { describe, expect, it } from "vitest";
import { copiedTo, withCopies } from "./copies";
import { buildLetter, type LetterFacts } from "./letter-content";
import { LETTER_TEMPLATES } from "./templates";

const facts: LetterFacts = {
  applicant: {
    name: "Callum Reid",
    prisonerNumber: null,
    otherPrisonerNumber: "090000",
    postalAddress: null,
    largePrint: true,
    legalCorrespondence: true,
    language: null,
  },
  establishment: {
    name: "HMP Barlinnie",
    addressLines: ["81 Lee Avenue", "Riddrie", "Glasgow"],
    postcode: "G33 2QX",
    jurisdiction: "scotland",
  },
  application: { reference: "CN-2026-00042", receivedOn: "2026-11-02", madeBy: "Isla Reid" },
  network: { name: "Northmoor Innocence Network", returnAddress: ["PO Box 4021", "NM1 4ZZ"] },
  date: "2026-11-09",
  extras: { conditions: ["online_for_you"] },
};
const letter = buildLetter(LETTER_TEMPLATES.acknowledgement, facts);
const isla = { name: "Isla Reid", addressLines: ["4 Dale Road", "Paisley PA1 2AB"] };

describe("copies of a letter to the applicant", () => {
  it("names the relative who applied online, and not 'writing to us'", () => {
    const text = letter.paragraphs.map((p) => p.text).join(" ");
    expect(text).toContain(
      "Isla Reid applied to us for you through our website on 2 November 2026",
    );
    expect(text).not.toContain("Thank you for writing to us");
    const written = buildLetter(LETTER_TEMPLATES.acknowledgement, { ...facts, extras: {} });
    expect(written.paragraphs[0]?.text).toMatch(/^Thank you for writing to us\./);
  });

  it("adds a copy addressed to each representative, unmarked and in standard print", () => {
    const [original, copy] = withCopies(letter, [isla], "Callum Reid");
    expect(original?.signOff.at(-1)).toBe("Copy to: Isla Reid");
    expect(original?.recipient).toContain("HMP Barlinnie");
    expect(original?.marking?.rule).toBe("Rule 57");
    expect(copy).toMatchObject({
      recipient: ["Isla Reid", "4 Dale Road", "Paisley PA1 2AB"],
      salutation: "Dear Isla Reid,",
      marking: null,
      largePrint: false,
      reference: "CN-2026-00042",
    });
    expect(copy?.paragraphs[0]?.text).toBe(
      "This is a copy of our letter to Callum Reid. We are sending it to you because Callum Reid asked us to send you copies of our letters.",
    );
    expect(copy?.paragraphs.slice(1)).toEqual(letter.paragraphs);
  });

  it("leaves a letter nobody is copied on as it was", () => {
    expect(withCopies(letter, [], "Callum Reid")).toEqual([letter]);
    expect(copiedTo(letter, [])).toBe(letter);
    expect(copiedTo(letter, [isla]).signOff.at(-1)).toBe("Copy to: Isla Reid");
  });
});
