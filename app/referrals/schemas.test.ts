import { describe, expect, it } from "vitest";
import { today } from "~/shared/dates";
import { offerSchema, WithdrawOfferSchema } from "./schemas";

const A = "0b7e1c9a-4f1e-4a4b-9d55-3c1f2a6b8e01";
const B = "1c8f2d0b-5a2f-4b5c-8e66-4d2a3b7c9f12";
const DOC = "2d903e1c-6b3a-4c6d-9f77-5e3b4c8dab23";
const schema = offerSchema({ offerable: [A, B], unsuitable: [B], documents: [DOC] });
const later = "2999-01-01";

const errorsOf = (input: Record<string, unknown>) => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("the offer form", () => {
  it("accepts a suggested project with a summary, documents and a later date", () => {
    const r = schema.safeParse({
      projectId: A,
      summary: " A case ",
      documentIds: DOC,
      expiresOn: later,
    });
    expect(r.success && r.data).toEqual({
      projectId: A,
      anyway: false,
      summary: "A case",
      documentIds: [DOC],
      includeAccount: false,
      expiresOn: later,
    });
  });

  it("asks for the project, the summary and the date", () => {
    expect(errorsOf({})).toEqual([
      "projectId: Choose the project to offer the case to",
      "summary: Write the case summary for the project",
      "expiresOn: Enter the date the offer ends",
    ]);
  });

  it("needs “offer it anyway” for a project that is not suggested", () => {
    expect(errorsOf({ projectId: B, summary: "x", expiresOn: later })).toEqual([
      "anyway: The project you chose is not suggested: tick “Offer it anyway” to offer it the case",
    ]);
    expect(errorsOf({ projectId: B, anyway: "on", summary: "x", expiresOn: later })).toEqual([]);
  });

  it("refuses a project or a document not offered on the page, and a date not after today", () => {
    const other = "3e0a4f2d-7c4b-4d7e-8a88-6f4c5d9ebc34";
    expect(
      errorsOf({ projectId: other, summary: "x", documentIds: [other], expiresOn: today() }),
    ).toEqual([
      "projectId: Choose one of the projects listed",
      "documentIds: Choose documents from the list",
      "expiresOn: The offer must end after today",
    ]);
    expect(errorsOf({ projectId: A, summary: "x", expiresOn: "2026-02-30" })).toEqual([
      "expiresOn: The date the offer ends must be a real date, like 2026-07-14",
    ]);
  });
});

describe("withdrawing", () => {
  it("needs a reason", () => {
    const r = WithdrawOfferSchema.safeParse({ offerId: A, reason: "  " });
    expect(r.error?.issues.map((i) => i.message)).toEqual(["Say why the offer is withdrawn"]);
  });
});
