import { fakerEN_GB as faker } from "@faker-js/faker";

/**
 * Synthetic applicants and applications that look like a UK innocence network's register:
 * British names (a few with aliases), dates of birth, England and Wales prisoner numbers,
 * prisons from the establishments register, courts, offences and a little questionnaire text.
 * Seeded, so two runs make the same data set.
 */
faker.seed(20_261_126);

export { faker };

const OFFENCES = [
  "Murder",
  "Manslaughter",
  "Robbery",
  "Rape",
  "Sexual assault",
  "Wounding with intent (s.18)",
  "Conspiracy to supply class A drugs",
  "Arson with intent to endanger life",
  "Aggravated burglary",
  "Fraud by false representation",
  "Causing death by dangerous driving",
  "Attempted murder",
];
const COURTS = [
  "Leeds Crown Court",
  "Manchester Crown Court (Minshull Street)",
  "Central Criminal Court",
  "Birmingham Crown Court",
  "Bristol Crown Court",
  "Liverpool Crown Court",
  "Newcastle Crown Court",
  "Cardiff Crown Court",
  "Snaresbrook Crown Court",
  "Sheffield Crown Court",
  "Nottingham Crown Court",
  "Woolwich Crown Court",
];
const PLEAS = ["not_guilty", "not_guilty", "not_guilty", "guilty", "mixed", "unknown"];

/** States as a register years old has them: most closed, a working queue on top. */
const STATES: [string, number][] = [
  ["received", 0.05],
  ["acknowledged", 0.05],
  ["awaiting_information", 0.04],
  ["ready_for_assessment", 0.04],
  ["under_assessment", 0.02],
  ["awaiting_referral", 0.08],
  ["closed", 0.72],
];
const CHANNELS: [string, number][] = [
  ["post", 0.72],
  ["online", 0.18],
  ["representative", 0.06],
  ["email", 0.04],
];

function pick(weighted: [string, number][]): string {
  let r = faker.number.float();
  for (const [value, p] of weighted) {
    r -= p;
    if (r <= 0) return value;
  }
  return weighted[0]?.[0] ?? "";
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function prisonerNumber(): string {
  return `${faker.string.alpha({ length: 1, casing: "upper" })}${faker.string.numeric(4)}${faker.string.alpha({ length: 2, casing: "upper" })}`;
}

export interface SyntheticPerson {
  fullName: string;
  aliases: string[];
  dateOfBirth: string | null;
  prisonerNumber: string | null;
}

export function person(): SyntheticPerson {
  const first = faker.person.firstName();
  const last = faker.person.lastName();
  const middle = faker.number.float() < 0.3 ? ` ${faker.person.middleName()}` : "";
  return {
    fullName: `${first}${middle} ${last}`,
    aliases: faker.number.float() < 0.1 ? [`${faker.person.firstName()} ${last}`] : [],
    dateOfBirth:
      faker.number.float() < 0.92
        ? iso(faker.date.between({ from: "1950-01-01", to: "2004-12-31" }))
        : null,
    prisonerNumber: faker.number.float() < 0.75 ? prisonerNumber() : null,
  };
}

const CLAIMS = [
  () =>
    `I was at my ${faker.helpers.arrayElement(["sister's", "mother's", "friend's"])} house in ${faker.location.city()} all that night.`,
  () => `The only witness, ${faker.person.firstName()}, has since said she was not sure it was me.`,
  () => `My barrister never called ${faker.person.fullName()}, who could have said where I was.`,
  () => "The identification was made from a single photograph, not a parade.",
  () => `The phone evidence put me in ${faker.location.city()}, not at the scene.`,
  () => "Nobody tested the clothing for DNA, and it has never been disclosed.",
  () => "My co-defendant has admitted he lied to get a lighter sentence.",
];

/** Why the applicant says they were wrongly convicted, in the words letters use. */
function whyWrong(): string {
  return faker.helpers
    .arrayElements(CLAIMS, { min: 1, max: 3 })
    .map((claim) => claim())
    .join(" ");
}

export interface SyntheticApplication {
  receivedOn: string;
  channel: string;
  state: string;
  closedReason: string | null;
  questionnaire: Record<string, string>;
}

export function application(
  receivedFrom = "2010-01-01",
  receivedTo = new Date(),
): SyntheticApplication {
  const received = faker.date.between({ from: receivedFrom, to: receivedTo });
  const conviction = faker.date.between({ from: "1995-01-01", to: received });
  const offence = new Date(
    conviction.getTime() - faker.number.int({ min: 60, max: 900 }) * 86_400_000,
  );
  const state = pick(STATES);
  return {
    receivedOn: iso(received),
    channel: pick(CHANNELS),
    state,
    closedReason:
      state === "closed"
        ? faker.helpers.arrayElement([
            "ineligible",
            "ineligible",
            "eligible_referred",
            "withdrawn",
            "duplicate",
          ])
        : null,
    questionnaire: {
      offences: faker.helpers.arrayElement(OFFENCES),
      court: faker.helpers.arrayElement(COURTS),
      offenceDate: iso(offence),
      convictionDate: iso(conviction),
      plea: faker.helpers.arrayElement(PLEAS),
      sentence: `${faker.number.int({ min: 2, max: 30 })} years`,
      whyWrong: whyWrong(),
    },
  };
}
