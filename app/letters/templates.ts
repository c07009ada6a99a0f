/**
 * Letter templates, as data. Each text may use the merge fields of app/letters/merge.ts.
 * A value of several lines (an address) spreads over the lines of an address block and is
 * joined with commas in running text; a line of a block that merges to nothing is left out.
 *
 * They live in code for now, reviewed like code; letting administrators edit them (a
 * `letter_templates` table with versions) can come later without changing the renderers.
 */
export interface LetterTemplate {
  key: LetterTemplateKey;
  /** What the letter is: used in its file name and on the correspondence record. */
  title: string;
  /** The sender's block, at the top right. */
  sender: readonly string[];
  /** The address block, placed for a window envelope. */
  recipient: readonly string[];
  heading: string;
  salutation: string;
  paragraphs: readonly (TemplateParagraph | TemplateList)[];
  signOff: readonly string[];
}

/**
 * A paragraph of merged text. With `when`, it is printed only in a letter whose facts hold
 * that condition (the review body of the conviction's jurisdiction, say).
 */
export interface TemplateParagraph {
  heading?: string;
  text: string;
  when?: LetterCondition;
  /** Printed unless one of these holds: the wording for every other case. */
  unless?: readonly LetterCondition[];
}

/**
 * One paragraph for each item of a list the letter is given: the reasons for a decision,
 * what the applicant is asked for. Items are printed as they are and never merged, since
 * people write them. The heading goes above the first; an empty list prints nothing.
 */
export interface TemplateList {
  heading?: string;
  each: LetterList;
  /** Printed before each item, e.g. a bullet. */
  prefix?: string;
}

/** The lists a letter can be given (LetterFacts.extras). */
export type LetterList = "reasons" | "notes" | "requested" | "done" | "next";

/** The conditions a paragraph can depend on (LetterFacts.extras). */
export type LetterCondition =
  /** The conviction is from England and Wales or Northern Ireland: the CCRC reviews it. */
  | "ccrc"
  /** The conviction is Scottish: the SCCRC reviews it. */
  | "sccrc"
  /** The jurisdiction of the conviction is not recorded: name both. */
  | "review_body_unknown"
  /** The conviction or sentence is recent enough for an ordinary appeal. */
  | "appeal_window_open"
  /** The application was made online by the applicant (app/letters/letter-facts.server.ts). */
  | "online_self"
  /** It was made online by someone for the applicant, who is named. */
  | "online_for_you"
  /** A progress letter with nothing new on the case's record since the last one. */
  | "nothing_new";

export type LetterTemplateKey =
  | "acknowledgement"
  | "decision_eligible"
  | "decision_ineligible"
  | "decision_more_information"
  | "decision_withdrawn"
  | "referral_accepted"
  | "project_closed"
  | "progress_letter";

/**
 * The letters a member project sends from its cases: their wording is the project's, and each
 * project's leads publish its versions (docs/decisions/032-progress-letters.md). The others are
 * the network's.
 */
export const PROJECT_TEMPLATE_KEYS = ["progress_letter"] as const satisfies LetterTemplateKey[];

export function isProjectTemplateKey(key: LetterTemplateKey): boolean {
  return (PROJECT_TEMPLATE_KEYS as readonly string[]).includes(key);
}

const DECISION_SIGN_OFF = ["Yours sincerely,", "", "The assessment team", "{{network.name}}"];
const REFERRAL_SIGN_OFF = ["Yours sincerely,", "", "The referrals team", "{{network.name}}"];

const LOOKED_AT = {
  text: "We have now looked carefully at your application and at the papers you sent us.",
};

const APPEAL_WINDOW: TemplateParagraph = {
  heading: "If you can still appeal",
  text: "It looks as if the time to appeal against your conviction or sentence may not have run out yet. The time limits for an appeal are short. Do not wait for us: speak to a solicitor now.",
  when: "appeal_window_open",
};

const CCRC_ADDRESS = "Criminal Cases Review Commission, 23 Stephenson Street, Birmingham B2 4BH";
const SCCRC_ADDRESS =
  "Scottish Criminal Cases Review Commission, 5th Floor, Portland House, 17 Renfield Street, Glasgow G2 5AH";

/** Where an applicant can turn when our members cannot help: the review body of the conviction. */
const WHERE_ELSE: readonly TemplateParagraph[] = [
  {
    heading: "Where else you can turn",
    text: `You can apply to the Criminal Cases Review Commission (CCRC) yourself. The CCRC is independent, and looks at possible miscarriages of justice in England, Wales and Northern Ireland. It is free to apply, and you do not need a lawyer to do it. To ask for an application form, write to the ${CCRC_ADDRESS}. The prison library may also have the form.`,
    when: "ccrc",
  },
  {
    heading: "Where else you can turn",
    text: `You can apply to the Scottish Criminal Cases Review Commission (SCCRC) yourself. The SCCRC is independent, and looks at possible miscarriages of justice in Scotland. It is free to apply, and you do not need a lawyer to do it. To ask for an application form, write to the ${SCCRC_ADDRESS}. The prison library may also have the form.`,
    when: "sccrc",
  },
  {
    heading: "Where else you can turn",
    text: `You can apply yourself to the body that reviews possible miscarriages of justice. If you were convicted in England, Wales or Northern Ireland, that is the Criminal Cases Review Commission (CCRC): write to the ${CCRC_ADDRESS}. If you were convicted in Scotland, it is the Scottish Criminal Cases Review Commission (SCCRC): write to the ${SCCRC_ADDRESS}. Both are independent, it is free to apply, and you do not need a lawyer to do it.`,
    when: "review_body_unknown",
  },
  {
    text: "A solicitor who specialises in criminal appeals may also be able to advise you, and you may be able to get legal aid to pay for this advice.",
  },
];

export const LETTER_TEMPLATES: Record<LetterTemplateKey, LetterTemplate> = {
  acknowledgement: {
    key: "acknowledgement",
    title: "Acknowledgement",
    sender: ["{{network.name}}", "{{network.returnAddress}}"],
    recipient: ["{{applicant.name}}", "{{applicant.prisonerNumber}}", "{{recipient.address}}"],
    heading: "We have received your application",
    salutation: "Dear {{applicant.name}},",
    paragraphs: [
      {
        text: "Thank you for writing to us. We received your application on {{application.receivedOn}}.",
        unless: ["online_self", "online_for_you"],
      },
      {
        text: "Thank you for applying through our website. We received your application on {{application.receivedOn}}.",
        when: "online_self",
      },
      {
        text: "{{application.madeBy}} applied to us for you through our website on {{application.receivedOn}}, and told us that you know about the application and agree to it. If you do not agree to it, please write and tell us.",
        when: "online_for_you",
      },
      {
        text: "Your reference is {{application.reference}}. Please write it at the top of every letter you send us, so that we can find your file quickly.",
      },
      {
        heading: "What happens next",
        text: "We will read your application and any papers you sent with it. If we need more information, we will write and tell you what we need. When we have looked at your case, we will write to tell you whether one of our member projects can take it on. This can take several months. We will write to you whenever there is news.",
      },
      {
        text: "Please send copies, not original documents. We cannot give you legal advice. If you have a deadline for an appeal, do not wait to hear from us: speak to a solicitor now.",
      },
      {
        heading: "How to write to us",
        text: "Write to us at the address at the top of this letter, with your reference, {{application.reference}}. If you would like someone else, such as a family member or a solicitor, to hear about your application, tell us their name and address and say that you agree to us writing to them.",
      },
    ],
    signOff: ["Yours sincerely,", "", "The intake team", "{{network.name}}"],
  },
  decision_eligible: {
    key: "decision_eligible",
    title: "Eligible decision",
    sender: ["{{network.name}}", "{{network.returnAddress}}"],
    recipient: ["{{applicant.name}}", "{{applicant.prisonerNumber}}", "{{recipient.address}}"],
    heading: "Our decision on your application",
    salutation: "Dear {{applicant.name}},",
    paragraphs: [
      LOOKED_AT,
      {
        heading: "Our decision",
        text: "We think that your case is one our member projects could look into. We will offer it to one of them.",
      },
      {
        heading: "What happens next",
        text: "A member project will decide whether it can take your case on. This can take several months. When a project takes your case, we will write to tell you which project it is and how it will contact you.",
      },
      {
        heading: "Please remember",
        text: "We cannot promise what will happen. A project looking into your case does not mean that your conviction will be overturned. We cannot give you legal advice.",
      },
      APPEAL_WINDOW,
      {
        text: "Please tell us if anything changes, such as your address or your lawyer. Always give your reference, {{application.reference}}.",
      },
    ],
    signOff: DECISION_SIGN_OFF,
  },
  decision_ineligible: {
    key: "decision_ineligible",
    title: "Ineligible decision",
    sender: ["{{network.name}}", "{{network.returnAddress}}"],
    recipient: ["{{applicant.name}}", "{{applicant.prisonerNumber}}", "{{recipient.address}}"],
    heading: "Our decision on your application",
    salutation: "Dear {{applicant.name}},",
    paragraphs: [
      LOOKED_AT,
      {
        heading: "Our decision",
        text: "We are sorry to tell you that our member projects cannot take on your case. This is not a decision about whether you are innocent. It is a decision about whether our members can help with your case.",
      },
      { heading: "Why we reached this decision", each: "reasons" },
      { each: "notes" },
      ...WHERE_ELSE,
      APPEAL_WINDOW,
      {
        heading: "If you think we have got something wrong",
        text: "If you think we have misunderstood something, or you have information we did not have, write to us with your reference, {{application.reference}}, and tell us why. We will look at your application again.",
      },
    ],
    signOff: DECISION_SIGN_OFF,
  },
  decision_more_information: {
    key: "decision_more_information",
    title: "Request for more information",
    sender: ["{{network.name}}", "{{network.returnAddress}}"],
    recipient: ["{{applicant.name}}", "{{applicant.prisonerNumber}}", "{{recipient.address}}"],
    heading: "We need more information from you",
    salutation: "Dear {{applicant.name}},",
    paragraphs: [
      {
        text: "Thank you for your application. We have started to look at it, but we need more information from you before we can decide whether our member projects can help.",
      },
      { heading: "What we need", each: "requested", prefix: "• " },
      {
        heading: "When to reply",
        text: "Please send it to us by {{decision.replyBy}}, at the address at the top of this letter, with your reference, {{application.reference}}. Please send copies, not original documents.",
      },
      {
        text: "If you cannot get something we have asked for, write and tell us what you have tried. If we have not heard from you by {{decision.replyBy}}, we will write to you again.",
      },
      APPEAL_WINDOW,
    ],
    signOff: DECISION_SIGN_OFF,
  },
  decision_withdrawn: {
    key: "decision_withdrawn",
    title: "Withdrawal",
    sender: ["{{network.name}}", "{{network.returnAddress}}"],
    recipient: ["{{applicant.name}}", "{{applicant.prisonerNumber}}", "{{recipient.address}}"],
    heading: "We have closed your application",
    salutation: "Dear {{applicant.name}},",
    paragraphs: [
      {
        text: "You have told us that you want to withdraw your application, so we have closed it. We will not look at your case any further.",
      },
      {
        text: "If you change your mind, you can write to us again at any time, with your reference, {{application.reference}}.",
      },
      APPEAL_WINDOW,
    ],
    signOff: DECISION_SIGN_OFF,
  },
  referral_accepted: {
    key: "referral_accepted",
    title: "Referral accepted",
    sender: ["{{network.name}}", "{{network.returnAddress}}"],
    recipient: ["{{applicant.name}}", "{{applicant.prisonerNumber}}", "{{recipient.address}}"],
    heading: "A member project has taken on your case",
    salutation: "Dear {{applicant.name}},",
    paragraphs: [
      {
        text: "We are writing to tell you that {{project.name}} has agreed to look into your case. It is one of the member projects of {{network.name}}.",
      },
      {
        heading: "What happens next",
        text: "The students and the supervising lawyer who will work on your case at {{project.name}} will write to you to introduce themselves. They will need time to read your papers before they can tell you much. Please be patient: looking into a case properly can take a long time.",
      },
      {
        heading: "Please remember",
        text: "{{project.name}} cannot give you legal advice, and neither can we. A project looking into your case does not mean that your conviction will be overturned: we cannot promise what will happen. If you have a lawyer, keep in touch with them as before.",
      },
      {
        heading: "Keeping in touch with us",
        text: "Please keep writing to us if anything changes, such as your address or your lawyer. Always give your reference, {{application.reference}}, so that we can find your file and pass the news on.",
      },
    ],
    signOff: REFERRAL_SIGN_OFF,
  },
  project_closed: {
    key: "project_closed",
    title: "Project closed",
    sender: ["{{network.name}}", "{{network.returnAddress}}"],
    recipient: ["{{applicant.name}}", "{{applicant.prisonerNumber}}", "{{recipient.address}}"],
    heading: "The project looking into your case has closed",
    salutation: "Dear {{applicant.name}},",
    paragraphs: [
      {
        text: "We are writing to tell you that {{project.name}}, the member project that was looking into your case, has closed. It will not work on your case any more.",
      },
      {
        heading: "What happens next",
        text: "Your case has come back to us, with the work the project did on it. We will look for another member project that can take it on, and we will write to you when one does. This can take several months.",
      },
      {
        text: "There is nothing you need to do. We cannot promise what will happen, and we cannot give you legal advice.",
      },
      {
        heading: "Keeping in touch with us",
        text: "From now on, please write to us, not to {{project.name}}. Tell us if anything changes, such as your address or your lawyer, and always give your reference, {{application.reference}}.",
      },
    ],
    signOff: REFERRAL_SIGN_OFF,
  },
  progress_letter: {
    key: "progress_letter",
    title: "Progress letter",
    sender: ["{{project.name}}", "{{project.address}}"],
    recipient: ["{{applicant.name}}", "{{applicant.prisonerNumber}}", "{{recipient.address}}"],
    heading: "How our work on your case is going",
    salutation: "Dear {{applicant.name}},",
    paragraphs: [
      {
        text: "We are writing, as we promised, to tell you what we have done on your case since {{progress.since}} and what we will do next.",
      },
      { heading: "What we have done", each: "done", prefix: "• " },
      {
        heading: "What we have done",
        text: "There is nothing new to tell you this time. This does not mean that we have stopped: some of the work on a case takes a long time, such as waiting for papers from other people.",
        when: "nothing_new",
      },
      { heading: "What happens next", each: "next", prefix: "• " },
      {
        text: "We will write to you again by {{progress.nextOn}}, or sooner if there is news. We cannot promise what will happen, and we cannot give you legal advice.",
      },
      {
        heading: "Writing to us",
        text: "If you move prison, or anything else changes, please write to us at the address at the top of this letter. Always give your reference, {{application.reference}}.",
      },
    ],
    signOff: ["Yours sincerely,", "", "{{project.name}}"],
  },
};

/** Every text of a template, for checking its merge fields. */
export function templateTexts(t: LetterTemplate): string[] {
  return [
    t.title,
    ...t.sender,
    ...t.recipient,
    t.heading,
    t.salutation,
    ...t.paragraphs.flatMap((p) => [p.heading ?? "", "text" in p ? p.text : (p.prefix ?? "")]),
    ...t.signOff,
  ];
}
