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
      relationship: "Select how you know the applicant",
      applicantAgrees: "Confirm that the applicant knows about this application and agrees to it",
      copies: "Select whether the applicant wants us to send you copies of our letters",
      address: "Enter your postal address or your email address, so that we can reach you",
    });
  });

  it("lets a relative without e-mail apply with a postal address, and needs one for copies of letters", () => {
    const base = {
      applyingFor: "behalf",
      name: "Isla Reid",
      relationship: "family",
      applicantAgrees: "yes",
    };
    expect(
      AboutYouSchema.parse({ ...base, copies: "yes", address: "4 Dale Road\nPaisley PA1 2AB" }),
    ).toEqual({
      applyingFor: "behalf",
      name: "Isla Reid",
      relationship: "family",
      email: undefined,
      address: "4 Dale Road\nPaisley PA1 2AB",
      applicantAgrees: true,
      copies: true,
    });
    expect(
      errors(AboutYouSchema.safeParse({ ...base, copies: "yes", email: "isla@example.org" })),
    ).toEqual({ address: "Enter your postal address: we send copies of our letters by post" });
    expect(
      AboutYouSchema.safeParse({ ...base, copies: "no", email: "isla@example.org" }).success,
    ).toBe(true);
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
    expect(normaliseDraftReference("cn 2026 00042")).toBe("CN-2026-00042");
    expect(ResumeSchema.parse({ reference: "cn2026-00042", secret: "x" }).reference).toBe(
      "CN-2026-00042",
    );
  });

  it("never asks for a password on the way: the save page is reached only by choosing to save", () => {
    expect(nextStep("about-you")).toBe("applicant");
    expect(nextStep("claim")).toBe("check");
    expect(pageNumber("about-you")).toEqual({ n: 1, of: 8 });
    expect(pageNumber("applicant")).toEqual({ n: 2, of: 8 });
  });
});
