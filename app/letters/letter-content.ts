import { longDate, type MergeValues, merge } from "./merge";
import type { LetterCondition, LetterList, LetterTemplate, LetterTemplateKey } from "./templates";

export type Jurisdiction = "england_wales" | "scotland" | "northern_ireland";

/** What a letter is made from: the facts of one application on the day it is written. */
export interface LetterFacts {
  applicant: {
    name: string;
    prisonerNumber: string | null;
    otherPrisonerNumber: string | null;
    postalAddress: string | null;
    largePrint: boolean;
    legalCorrespondence: boolean;
    language: string | null;
  };
  establishment: {
    name: string;
    addressLines: string[];
    postcode: string | null;
    jurisdiction: Jurisdiction;
  } | null;
  application: {
    reference: string;
    receivedOn: string;
    /** Who applied for the applicant through the website, if someone did. */
    madeBy?: string | null;
  };
  network: { name: string; returnAddress: string[] };
  /** The date of the letter (YYYY-MM-DD). */
  date: string;
  /** What a letter about a decision says beyond the application's facts. */
  extras?: LetterExtras;
}

export interface LetterExtras {
  /** The items of each list the template prints, one paragraph each (see TemplateList). */
  lists?: Partial<Record<LetterList, readonly string[]>>;
  /** The conditions that hold, for paragraphs printed only `when` one does. */
  conditions?: readonly LetterCondition[];
  /** The date to reply by (YYYY-MM-DD), for a letter asking for more information. */
  replyBy?: string | null;
  /** The member project a letter about a referral names, or that sends a progress letter. */
  projectName?: string;
  /** The project's postal address, for a letter it sends. */
  projectAddress?: readonly string[];
  /** A progress letter: since when it reports (YYYY-MM-DD), and when the next is due. */
  progressSince?: string;
  progressNextOn?: string;
}

/** The applicant's part of the facts, from a copy of their record (an offer's, a case's). */
export function applicantFacts(
  a: Omit<LetterFacts["applicant"], "name"> & { fullName: string },
): LetterFacts["applicant"] {
  return {
    name: a.fullName,
    prisonerNumber: a.prisonerNumber,
    otherPrisonerNumber: a.otherPrisonerNumber,
    postalAddress: a.postalAddress,
    largePrint: a.largePrint,
    legalCorrespondence: a.legalCorrespondence,
    language: a.language,
  };
}

/** A letter ready to render: both renderers (PDF and DOCX) lay out exactly this. */
export interface LetterContent {
  /** A template's key, or a letter built in code for a third party (app/casework/papers/). */
  template: LetterTemplateKey | "papers_request";
  /** The version of the template it was made from (app/letters/letter-templates.server.ts). */
  templateVersion?: number;
  title: string;
  reference: string;
  largePrint: boolean;
  /** "LEGAL CORRESPONDENCE" at the top, with the prison rule that protects it where known. */
  marking: { text: string; rule: string | null } | null;
  sender: string[];
  recipient: string[];
  date: string;
  referenceLine: string;
  heading: string;
  salutation: string;
  paragraphs: { heading?: string; text: string }[];
  signOff: string[];
}

/** Rule 39 (England and Wales) and rule 57 (Scotland) keep legal letters from being read. */
const PRISON_RULE: Record<Jurisdiction, string | null> = {
  england_wales: "Rule 39",
  scotland: "Rule 57",
  northern_ireland: null,
};

const PRISON_NAME = /^(HMP|HM Prison|HMYOI|HMP\/YOI|YOI|HMIRC|IRC)\b/i;

/** A postal address as typed, on one line with commas or on several: its lines. */
export function splitAddress(text: string): string[] {
  const split = text.includes("\n") ? text.split(/\r?\n/) : text.split(",");
  return split.map((l) => l.trim()).filter(Boolean);
}

/**
 * Where the letter goes: the prison's postal address (its name, address lines and postcode),
 * or, for someone not in prison, their own postal address. `complete` is false when there is
 * nothing a postman could deliver to (an establishment with no address on file, say).
 */
export function deliveryAddress(facts: LetterFacts): { lines: string[]; complete: boolean } {
  const e = facts.establishment;
  if (e) {
    const address = [...e.addressLines, ...(e.postcode ? [e.postcode] : [])];
    // Some addresses already start with the prison's postal name ("HM Prison Garth").
    const named = PRISON_NAME.test(e.addressLines[0] ?? "");
    return {
      lines: named ? address : [e.name, ...address],
      complete: e.addressLines.length > 0 && !!e.postcode,
    };
  }
  const own = splitAddress(facts.applicant.postalAddress ?? "");
  return { lines: own, complete: own.length > 0 };
}

export function mergeValues(facts: LetterFacts): MergeValues {
  const e = facts.establishment;
  return {
    "applicant.name": facts.applicant.name,
    "applicant.prisonerNumber":
      facts.applicant.prisonerNumber ?? facts.applicant.otherPrisonerNumber ?? "",
    "establishment.name": e?.name ?? "",
    "establishment.address": e
      ? [...e.addressLines, ...(e.postcode ? [e.postcode] : [])].join("\n")
      : "",
    "recipient.address": deliveryAddress(facts).lines.join("\n"),
    "application.reference": facts.application.reference,
    "application.receivedOn": longDate(facts.application.receivedOn),
    "application.madeBy": facts.application.madeBy ?? "",
    date: longDate(facts.date),
    "network.name": facts.network.name,
    "network.returnAddress": facts.network.returnAddress.join("\n"),
    "decision.replyBy": facts.extras?.replyBy ? longDate(facts.extras.replyBy) : "",
    "project.name": facts.extras?.projectName ?? "",
    "project.address": (facts.extras?.projectAddress ?? []).join("\n"),
    "progress.since": facts.extras?.progressSince ? longDate(facts.extras.progressSince) : "",
    "progress.nextOn": facts.extras?.progressNextOn ? longDate(facts.extras.progressNextOn) : "",
  };
}

/** Merges a template with one application's facts. */
export function buildLetter(template: LetterTemplate, facts: LetterFacts): LetterContent {
  const values = mergeValues(facts);
  const inline = (text: string) =>
    merge(text, values)
      .replace(/\s*\n\s*/g, ", ")
      .replace(/(, )+/g, ", ");
  const block = (texts: readonly string[]) =>
    texts.flatMap((t) =>
      merge(t, values)
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
    );
  const rule = facts.establishment ? PRISON_RULE[facts.establishment.jurisdiction] : null;
  return {
    template: template.key,
    title: inline(template.title),
    reference: facts.application.reference,
    largePrint: facts.applicant.largePrint,
    marking: facts.applicant.legalCorrespondence ? { text: "LEGAL CORRESPONDENCE", rule } : null,
    sender: block(template.sender),
    recipient: block(template.recipient),
    date: values.date,
    referenceLine: `Our reference: ${facts.application.reference}`,
    heading: inline(template.heading),
    salutation: inline(template.salutation),
    paragraphs: template.paragraphs.flatMap((p) => {
      const heading = p.heading ? { heading: inline(p.heading) } : {};
      if ("each" in p)
        return (facts.extras?.lists?.[p.each] ?? [])
          .map((item) => item.replace(/\s+/g, " ").trim())
          .filter(Boolean)
          .map((item, i) => ({ ...(i === 0 ? heading : {}), text: `${p.prefix ?? ""}${item}` }));
      if (p.when && !facts.extras?.conditions?.includes(p.when)) return [];
      if (p.unless?.some((c) => facts.extras?.conditions?.includes(c))) return [];
      return [{ ...heading, text: inline(p.text) }];
    }),
    signOff: template.signOff.map(inline),
  };
}

/** A file name that says what the letter is: CN-2026-00042-acknowledgement.pdf. */
export function letterFilename(letter: LetterContent, extension: "pdf" | "docx"): string {
  return `${letter.reference}-${letter.template}.${extension}`;
}
