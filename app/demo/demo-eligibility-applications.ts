/**
 * The fictional applications the eligibility demo records and assesses, and the assessments
 * of the two decided eligible (one waits for referral; the casework demo refers the other).
 */
const DAY = 86_400_000;
const isoDaysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

export interface EligibilityApplication {
  name: string;
  prisonerNumber?: string;
  /** A Scottish or Northern Irish number, kept as written. */
  otherPrisonerNumber?: string;
  prison: string;
  channel?: "post" | "online";
  receivedDaysAgo: number;
  questionnaire: Record<string, string>;
}

/**
 * Convicted six days before the demo data is loaded, so inside the 28-day appeal window for
 * three weeks after: the queue shows it as urgent.
 */
export const URGENT: EligibilityApplication = {
  name: "Zebedee Harrowfield",
  prisonerNumber: "A1041ZH",
  prison: "HMP Leeds",
  receivedDaysAgo: 3,
  questionnaire: {
    offences: "Wounding with intent (section 18)",
    court: "Leeds Crown Court",
    offenceDate: isoDaysAgo(240),
    convictionDate: isoDaysAgo(6),
    plea: "not_guilty",
    sentence: "7 years",
    whyWrong:
      "I was at my sister's in Harrogate that night. The bus station CCTV that would show me getting off the 36 was never asked for.",
    alibi: "My sister and her partner; the bus driver.",
  },
};

export const DRAFT: EligibilityApplication = {
  name: "Ptolemy Ravensworth",
  prisonerNumber: "A1042PR",
  prison: "HMP/YOI Bristol",
  receivedDaysAgo: 95,
  questionnaire: {
    offences: "Arson with intent to endanger life",
    court: "Bristol Crown Court",
    offenceDate: "2016-08-21",
    convictionDate: "2017-03-09",
    plea: "not_guilty",
    sentence: "Life, minimum term 12 years",
    whyWrong:
      "The fire investigator said petrol was poured in the hallway. The defence never had its own expert and the samples were never tested by anyone else.",
  },
};

export const IN_REVIEW: EligibilityApplication = {
  name: "Barnabas Thrupp",
  prisonerNumber: "A1043BT",
  prison: "HMP Wakefield",
  receivedDaysAgo: 105,
  questionnaire: {
    offences: "Grievous bodily harm with intent",
    court: "Sheffield Crown Court",
    offenceDate: "2020-01-04",
    convictionDate: "2020-09-30",
    plea: "not_guilty",
    sentence: "8 years",
    whyWrong:
      "I hit him because he came at me with a bottle. The jury should have accepted it was self-defence.",
  },
};

export const DECIDED: EligibilityApplication = {
  name: "Cressida Wolstenholme",
  prisonerNumber: "A1044CW",
  prison: "HMP Frankland",
  receivedDaysAgo: 180,
  questionnaire: {
    offences: "Robbery; possession of an imitation firearm",
    court: "Newcastle Crown Court",
    offenceDate: "2015-02-11",
    convictionDate: "2015-10-19",
    plea: "not_guilty",
    sentence: "12 years",
    whyWrong:
      "The robber wore a balaclava that was found in the alley. It was never tested for DNA. The taxi driver who took me home at the time of the robbery was never traced.",
    physicalEvidence: "The balaclava, which the police kept.",
  },
};

/** Cressida's assessment: eligible, with two lines; her case waits for referral. */
export const CRESSIDA_ASSESSMENT = {
  version: 1,
  offences: DECIDED.questionnaire.offences,
  offenceType: "robbery",
  courtType: "crown_court",
  courtName: DECIDED.questionnaire.court,
  jurisdiction: "england_wales",
  offenceDate: DECIDED.questionnaire.offenceDate,
  convictionDate: DECIDED.questionnaire.convictionDate,
  sentenceDate: "2015-11-20",
  plea: "not_guilty",
  sentence: DECIDED.questionnaire.sentence,
  appealStages: [
    {
      stage: "Court of Appeal: application for leave",
      date: "2016-09-08",
      outcome: "Leave refused",
    },
  ],
  priorReviews: [
    {
      body: "ccrc",
      reference: "00417/2018",
      appliedOn: "2018-03-01",
      decision: "Not referred: no new evidence",
      decidedOn: "2019-01-22",
    },
  ],
  claimsFactualInnocence: "yes",
  couldBeInnocent: "yes",
  couldBeInnocentReasons:
    "Identification rested on one witness who saw the robber masked. Nothing forensic connected the applicant to the robbery.",
  canBeInvestigated: "yes",
  canBeInvestigatedReasons:
    "The balaclava is still held by the police and can be tested with techniques not available in 2015; the alibi witness was never traced.",
  lines: [
    {
      category: "forensic_retesting",
      description:
        "Ask for the balaclava recovered from the alley to be tested for DNA with current techniques.",
      rationale: "A profile that is not the applicant's would point to the robber.",
      priority: "high",
    },
    {
      category: "witness",
      description:
        "Trace the taxi driver who says he drove the applicant home at the time of the robbery.",
      rationale: "An independent alibi witness the jury never heard.",
      priority: "medium",
    },
  ],
  suspectedCauses: ["mistaken_identification", "dna"],
  flags: ["in_custody"],
};

/** Decided eligible months ago; the casework demo refers it to Ashdown, which works it. */
export const REFERRED: EligibilityApplication = {
  name: "Dorian Pryce",
  prisonerNumber: "A2291DP",
  prison: "HMP Frankland",
  receivedDaysAgo: 300,
  questionnaire: {
    offences: "Murder",
    court: "Leeds Crown Court",
    offenceDate: "2010-03-14",
    convictionDate: "2011-02-02",
    plea: "not_guilty",
    sentence: "Life imprisonment, minimum term 18 years",
    whyWrong:
      "A man I shared a cell with on remand said I confessed to him. I never did. He was given a lighter sentence afterwards. My phone was said to be near the flat but I lived two streets away.",
  },
};

/** Dorian's assessment: eligible, with an informant and cell-site evidence to look into. */
export const DORIAN_ASSESSMENT = {
  version: 1,
  offences: REFERRED.questionnaire.offences,
  offenceType: "homicide",
  courtType: "crown_court",
  courtName: REFERRED.questionnaire.court,
  jurisdiction: "england_wales",
  offenceDate: REFERRED.questionnaire.offenceDate,
  convictionDate: REFERRED.questionnaire.convictionDate,
  sentenceDate: "2011-02-03",
  plea: "not_guilty",
  sentence: REFERRED.questionnaire.sentence,
  tariff: "18 years",
  appealStages: [
    {
      stage: "Court of Appeal",
      date: "2012-05-10",
      outcome: "Appeal against conviction dismissed",
      grounds: "The judge's warning about the cell confession",
    },
  ],
  claimsFactualInnocence: "yes",
  couldBeInnocent: "yes",
  couldBeInnocentReasons:
    "No forensic evidence tied him to the flat. The case rested on a cell confession reported by an informant and on cell-site evidence placing his phone in a wide area that includes his home.",
  canBeInvestigated: "yes",
  canBeInvestigatedReasons:
    "What the informant was promised can be asked of the prosecution, and the cell-site evidence can be reviewed by an independent expert.",
  lines: [
    {
      category: "disclosure",
      description:
        "Find out what the informant was offered or given, and whether it was disclosed to the defence.",
      rationale: "An undisclosed benefit would undermine the only direct evidence of guilt.",
      priority: "high",
    },
    {
      category: "digital",
      description: "Have the cell-site evidence reviewed by an independent expert.",
      rationale: "The mast served the applicant's home as well as the flat.",
      priority: "medium",
    },
  ],
  suspectedCauses: ["unreliable_informant", "non_disclosure"],
  flags: ["in_custody"],
};

/**
 * A Scottish case his sister applied for online: her account gives his prisoner number and his
 * 2018 appeal, which the assessment does not repeat. The casework demo refers it to Glenmorra.
 */
export const SCOTTISH: EligibilityApplication = {
  name: "Euan Drummond",
  otherPrisonerNumber: "0184562",
  prison: "HMP Barlinnie",
  channel: "online",
  receivedDaysAgo: 200,
  questionnaire: {
    offences: "Murder",
    placeOfCrime: "Duke Street, Glasgow",
    court: "High Court of Justiciary, Glasgow",
    offenceDate: "2015-06-20",
    convictionDate: "2016-11-03",
    plea: "not_guilty",
    sentence: "Life imprisonment, punishment part 16 years",
    appealHistory:
      "His appeal against conviction was refused by the High Court of Justiciary (Appeal Court) on 14 March 2018.",
    appealFailureReasons:
      "The judges said the identification evidence was properly left to the jury.",
    whyWrong:
      "Euan was at my flat in Dennistoun all that evening. I told the police so the next morning and nobody came back to me.\nThe only witness saw the man from across the street, at night, in the rain.",
    alibi: "Me (his sister Morag) and my neighbour Mrs Kerr, who came round at nine.",
  },
};

/** Euan's assessment: eligible; the court's name sets the jurisdiction (Scotland) when saved. */
export const EUAN_ASSESSMENT = {
  version: 1,
  offences: SCOTTISH.questionnaire.offences,
  offenceType: "homicide",
  courtName: SCOTTISH.questionnaire.court,
  offenceDate: SCOTTISH.questionnaire.offenceDate,
  convictionDate: SCOTTISH.questionnaire.convictionDate,
  plea: "not_guilty",
  sentence: SCOTTISH.questionnaire.sentence,
  claimsFactualInnocence: "yes",
  couldBeInnocent: "yes",
  couldBeInnocentReasons:
    "One witness identified him across a street at night; two alibi witnesses were never called.",
  canBeInvestigated: "yes",
  canBeInvestigatedReasons:
    "The alibi witnesses can be traced, and the identification can be reviewed against the street's lighting.",
  lines: [
    {
      category: "witness",
      description: "Take statements from his sister and her neighbour about the evening.",
      rationale: "An alibi the jury never heard.",
      priority: "high",
    },
  ],
  suspectedCauses: ["mistaken_identification"],
  flags: ["in_custody"],
};

/** The applications the eligibility demo adds (the intake demo already has five waiting). */
export const DEMO_ELIGIBILITY_APPLICATIONS = [
  URGENT,
  DRAFT,
  IN_REVIEW,
  DECIDED,
  REFERRED,
  SCOTTISH,
];
