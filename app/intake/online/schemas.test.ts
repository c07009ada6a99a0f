import { describe, expect, it } from "vitest";
import { QUESTIONNAIRE_SECTIONS } from "../questionnaire";
import {
  AboutYouSchema,
  normaliseDraftReference,
  onlineApplicantSchema,
  ResumeSchema,
  sectionSchema,
} from "./schemas";
import { nextStep, pageNumber } from "./steps";

const errors = (r: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

const conviction = QUESTIONNAIRE_SECTIONS.find((s) => s.key === "conviction");
if (!conviction) throw new Error("no conviction section");

describe("about you", () => {
  it("asks someone applying on the applicant's behalf who they are and for the applicant's agreement", () => {
    expect(errors(AboutYouSchema.safeParse({ applyingFor: "behalf" }))).toEqual({
      name: "Enter your full name",
      relationship: "Choose how you know the applicant",
      email: "Enter your e-mail address, so that we can send you the reference",
      applicantAgrees: "Confirm that the applicant knows about and agrees to this application",
    });
  });

  it("keeps only the e-mail address of an applicant applying for themselves", () => {
    const parsed = AboutYouSchema.parse({ applyingFor: "self", name: "Stray", email: "A@B.ORG" });
    expect(parsed).toEqual({ applyingFor: "self", email: "a@b.org" });
  });
});

describe("the applicant", () => {
  it("normalises the prisoner number and needs a prison or an address", () => {
    const schema = onlineApplicantSchema();
    expect(
      schema.parse({
        fullName: "A B",
        prisonerNumber: " a1234-bc ",
        inPrison: "no",
        postalAddress: "x",
      }).prisonerNumber,
    ).toBe("A1234BC");
    expect(errors(schema.safeParse({ fullName: "A B", inPrison: "yes" }))).toEqual({
      establishmentId: "Choose the prison the applicant is in",
    });
    expect(errors(schema.safeParse({ fullName: "A B", inPrison: "no" }))).toEqual({
      postalAddress: "Enter the applicant's postal address",
    });
  });

  it("refuses a prison not on the list, and a birth after the conviction already given", () => {
    const prison = "6f1c1f0e-2c1a-4c57-9e0a-1d2f3a4b5c6d";
    const schema = onlineApplicantSchema({
      establishmentIds: new Set(["00000000-0000-4000-8000-000000000000"]),
      convictionDate: "2010-05-01",
    });
    expect(
      errors(
        schema.safeParse({
          fullName: "A B",
          inPrison: "yes",
          establishmentId: prison,
          dateOfBirth: "2011-01-01",
        }),
      ),
    ).toEqual({
      establishmentId: "Choose a prison from the list",
      dateOfBirth: "Date of birth must be before the date of conviction you gave (2010-05-01)",
    });
  });
});

describe("questionnaire pages", () => {
  it("refuses a conviction before the applicant's birth or before the offence, and dates in the future", () => {
    const schema = sectionSchema(conviction, { dateOfBirth: "1990-01-01" });
    expect(errors(schema.safeParse({ convictionDate: "1989-12-31" }))).toEqual({
      convictionDate:
        "Date of conviction cannot be before the applicant's date of birth (1990-01-01)",
    });
    expect(
      errors(schema.safeParse({ offenceDate: "2011-01-01", convictionDate: "2010-01-01" })),
    ).toEqual({ convictionDate: "The conviction cannot be before the offence" });
    expect(errors(schema.safeParse({ convictionDate: "2999-01-01" }))).toEqual({
      convictionDate: "Date of conviction cannot be in the future",
    });
    expect(schema.parse({ convictionDate: "2010-01-01", plea: "not_guilty" })).toMatchObject({
      convictionDate: "2010-01-01",
      plea: "not_guilty",
    });
  });
});

describe("references and steps", () => {
  it("reads a reference however it was written down", () => {
    expect(normaliseDraftReference("ap 7k3m 9qxd")).toBe("AP-7K3M-9QXD");
    expect(normaliseDraftReference("7K3M9QXD")).toBe("AP-7K3M-9QXD");
    expect(ResumeSchema.safeParse({ reference: "AP-7K3M-9QX", secret: "x" }).success).toBe(false);
    expect(ResumeSchema.safeParse({ reference: "AP-0O1I-9QXD", secret: "x" }).success).toBe(false);
  });

  it("asks for a secret straight after the first page, and only until one is chosen", () => {
    expect(nextStep("about-you", false)).toBe("save");
    expect(nextStep("about-you", true)).toBe("applicant");
    expect(nextStep("claim", true)).toBe("check");
    expect(pageNumber("applicant")).toEqual({ n: 2, of: 8 });
  });
});
