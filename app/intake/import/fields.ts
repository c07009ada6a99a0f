import { QUESTIONS } from "../questionnaire";

/**
 * What a spreadsheet column can be mapped to: the applicant's details, the application's
 * facts, and the questionnaire's answers (by their names in app/intake/questionnaire.ts).
 * Shared by the mapping page (in the browser) and the import (on the server).
 */
export type FieldGroup = "applicant" | "application" | "questionnaire";

export interface ImportField {
  key: string;
  label: string;
  group: FieldGroup;
  required?: boolean;
  /** Header names (normalised: lower case, letters and digits only) that suggest this field. */
  synonyms?: readonly string[];
}

export const APPLICANT_FIELDS: readonly ImportField[] = [
  {
    key: "fullName",
    label: "Full name",
    group: "applicant",
    required: true,
    synonyms: ["name", "applicant", "applicantname", "prisonername", "fullname", "clientname"],
  },
  {
    key: "aliases",
    label: "Other names (aliases)",
    group: "applicant",
    synonyms: ["alias", "aliases", "othernames", "aka", "alsoknownas"],
  },
  {
    key: "dateOfBirth",
    label: "Date of birth",
    group: "applicant",
    synonyms: ["dob", "birthdate", "dateofbirth", "born"],
  },
  {
    key: "prisonerNumber",
    label: "Prisoner number (England and Wales)",
    group: "applicant",
    synonyms: ["prisonernumber", "prisonerno", "prisonnumber", "prisonno", "noms", "nomsnumber"],
  },
  {
    key: "otherPrisonerNumber",
    label: "Other prisoner number",
    group: "applicant",
    synonyms: ["otherprisonernumber", "scottishprisonernumber", "otherprisonno"],
  },
  {
    key: "establishment",
    label: "Prison (establishment name)",
    group: "applicant",
    synonyms: ["prison", "establishment", "currentprison", "prisonname", "currentestablishment"],
  },
  {
    key: "postalAddress",
    label: "Postal address",
    group: "applicant",
    synonyms: ["address", "postaladdress", "contactaddress"],
  },
];

export const APPLICATION_FIELDS: readonly ImportField[] = [
  {
    key: "receivedOn",
    label: "Date received",
    group: "application",
    required: true,
    synonyms: ["received", "receivedon", "datereceived", "receiveddate", "applicationdate", "date"],
  },
  {
    key: "channel",
    label: "How it arrived (post, online, representative, email or import)",
    group: "application",
    synonyms: ["channel", "howreceived", "method", "source"],
  },
  {
    key: "outcome",
    label:
      "Where it stands (received, acknowledged, … or an outcome: ineligible, referred, withdrawn)",
    group: "application",
    synonyms: ["status", "state", "outcome", "decision", "result", "stage"],
  },
  {
    key: "legacyReference",
    label: "Legacy reference (identifies the row when importing again)",
    group: "application",
    synonyms: [
      "reference",
      "ref",
      "legacyreference",
      "legacyref",
      "oldreference",
      "caseref",
      "casereference",
      "casenumber",
      "caseno",
      "id",
    ],
  },
];

export const QUESTIONNAIRE_FIELDS: readonly ImportField[] = QUESTIONS.map((q) => ({
  key: q.name,
  label: q.label,
  group: "questionnaire" as const,
}));

export const IMPORT_FIELDS: readonly ImportField[] = [
  ...APPLICANT_FIELDS,
  ...APPLICATION_FIELDS,
  ...QUESTIONNAIRE_FIELDS,
];

export const FIELD_GROUP_LABELS: Record<FieldGroup, string> = {
  applicant: "The applicant",
  application: "The application",
  questionnaire: "Questionnaire answers",
};

const FIELDS_BY_KEY = new Map(IMPORT_FIELDS.map((f) => [f.key, f]));

export function importField(key: string): ImportField | undefined {
  return FIELDS_BY_KEY.get(key);
}

/** A column's header as the guesser compares it: "Date of Birth " → "dateofbirth". */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * The mapping: field key → the column's index (as a string, for the JSON column). A field
 * is mapped to at most one column; a column to at most one field.
 */
export type ColumnMapping = Record<string, string>;

/** Guesses each column's field from its header: a field's name, label or a usual synonym. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headers.forEach((header, index) => {
    const h = normaliseHeader(header);
    if (!h) return;
    const field = IMPORT_FIELDS.find(
      (f) =>
        !(f.key in mapping) &&
        (normaliseHeader(f.key) === h ||
          normaliseHeader(f.label) === h ||
          (f.synonyms ?? []).includes(h)),
    );
    if (field) mapping[field.key] = String(index);
  });
  return mapping;
}

/** What is wrong with a mapping, field by field: required fields missing, a field used twice. */
export function mappingProblems(
  columnFields: readonly string[],
  headers: readonly string[],
): { column: number | null; message: string }[] {
  const problems: { column: number | null; message: string }[] = [];
  const firstColumn = new Map<string, number>();
  columnFields.forEach((key, column) => {
    if (!key) return;
    const field = importField(key);
    if (!field) {
      problems.push({
        column,
        message: `Column “${headers[column]}”: choose a field from the list`,
      });
      return;
    }
    const earlier = firstColumn.get(key);
    if (earlier !== undefined) {
      problems.push({
        column,
        message: `${field.label} is chosen for two columns: “${headers[earlier]}” and “${headers[column]}”`,
      });
    } else firstColumn.set(key, column);
  });
  for (const field of IMPORT_FIELDS) {
    if (field.required && !firstColumn.has(field.key))
      problems.push({ column: null, message: `Choose the column that holds: ${field.label}` });
  }
  return problems;
}

/** Turns the page's per-column choices into the stored mapping (field → column index). */
export function toMapping(columnFields: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  columnFields.forEach((key, column) => {
    if (key && !(key in mapping)) mapping[key] = String(column);
  });
  return mapping;
}
