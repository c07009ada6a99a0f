import type { COURT_TYPES, JURISDICTIONS } from "~/db/schema/eligibility";

export type Jurisdiction = (typeof JURISDICTIONS)[number];
export type CourtType = (typeof COURT_TYPES)[number];

/** What a court's name says about where the conviction was, and why. */
export interface CourtInference {
  jurisdiction: Jurisdiction;
  courtType: CourtType | null;
  because: string;
}

/** Towns where the Crown Court in Northern Ireland sits, and its other court venues. */
const NI_PLACES = [
  "antrim",
  "armagh",
  "ballymena",
  "belfast",
  "coleraine",
  "craigavon",
  "derry",
  "downpatrick",
  "dungannon",
  "enniskillen",
  "laganside",
  "lisburn",
  "londonderry",
  "newry",
  "newtownards",
  "omagh",
  "strabane",
];

/** Where the High Court of Justiciary sits as a trial court, as people write it ("High Court in Glasgow"). */
const JUSTICIARY_SEATS = [
  "aberdeen",
  "dundee",
  "edinburgh",
  "glasgow",
  "inverness",
  "livingston",
  "paisley",
  "perth",
  "stirling",
];

const words = (name: string) =>
  ` ${name
    .toLowerCase()
    .replace(/[’']/g, "")
    .replace(/[^a-z]+/g, " ")
    .trim()} `;

const mentionsAny = (text: string, places: readonly string[]) =>
  places.some((p) => text.includes(` ${p} `));

const has =
  (...phrases: string[]) =>
  (w: string) =>
    phrases.some((p) => w.includes(` ${p} `));

/** The rules in order: the first whose test the name passes says where the court sits. */
const RULES: (Omit<CourtInference, "courtType"> & {
  test: (w: string) => boolean;
  courtType: CourtType | null | ((w: string) => CourtType | null);
})[] = [
  {
    test: has("justiciary"),
    jurisdiction: "scotland",
    courtType: "high_court_of_justiciary",
    because: "The High Court of Justiciary is Scotland's criminal court",
  },
  {
    test: (w) => has("high court")(w) && mentionsAny(w, JUSTICIARY_SEATS),
    jurisdiction: "scotland",
    courtType: "high_court_of_justiciary",
    because: "The High Court sitting in a Scottish city is the High Court of Justiciary",
  },
  {
    test: has("sheriff"),
    jurisdiction: "scotland",
    courtType: "sheriff_court",
    because: "Sheriff courts are Scottish courts",
  },
  {
    test: has("justice of the peace court", "jp court"),
    jurisdiction: "scotland",
    courtType: "other",
    because: "Justice of the peace courts are Scottish courts",
  },
  {
    test: (w) =>
      !has("court martial")(w) && (has("northern ireland")(w) || mentionsAny(w, NI_PLACES)),
    jurisdiction: "northern_ireland",
    courtType: (w) => (has("crown court")(w) ? "northern_ireland_crown_court" : null),
    because: "The court sits in Northern Ireland",
  },
  {
    test: (w) =>
      !has("court martial")(w) && has("crown court", "old bailey", "central criminal")(w),
    jurisdiction: "england_wales",
    courtType: "crown_court",
    because: "The Crown Court outside Northern Ireland sits in England and Wales",
  },
  {
    test: (w) => !has("court martial")(w) && has("magistrates")(w),
    jurisdiction: "england_wales",
    courtType: "magistrates",
    because: "Magistrates' courts sit in England and Wales",
  },
];

/**
 * The jurisdiction a court's name implies, as a suggestion for whoever records the conviction:
 * the High Court of Justiciary, a sheriff court and a justice of the peace court are Scottish;
 * the Crown Court sitting in a Northern Irish town, or any court named for Northern Ireland, is
 * Northern Irish; a Crown Court, magistrates' court or the Old Bailey elsewhere is England and
 * Wales. Null when the name says nothing (a court martial sits anywhere; a bare "High Court"
 * is not a criminal court in England).
 */
export function jurisdictionOfCourt(court: string | null | undefined): CourtInference | null {
  if (!court?.trim()) return null;
  const w = words(court);
  const rule = RULES.find((r) => r.test(w));
  if (!rule) return null;
  return {
    jurisdiction: rule.jurisdiction,
    courtType: typeof rule.courtType === "function" ? rule.courtType(w) : rule.courtType,
    because: rule.because,
  };
}

const JURISDICTION_NAMES: Record<Jurisdiction, string> = {
  england_wales: "England and Wales",
  scotland: "Scotland",
  northern_ireland: "Northern Ireland",
};

/** What a page shows beside a court's name: "in Scotland, going by the court's name". */
export function courtJurisdictionNote(court: string | null | undefined): string | null {
  const found = jurisdictionOfCourt(court);
  return found ? `in ${JURISDICTION_NAMES[found.jurisdiction]}, going by the court's name` : null;
}
