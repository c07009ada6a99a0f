import { z } from "zod";

export const JURISDICTIONS = {
  england_wales: "England & Wales",
  scotland: "Scotland",
  northern_ireland: "Northern Ireland",
} as const;
export type Jurisdiction = keyof typeof JURISDICTIONS;

export const PROJECT_KINDS = {
  university: "University",
  law_firm: "Law firm",
  other: "Other",
} as const;
export const ORGANISATION_STATUSES = {
  active: "Active",
  paused: "Paused",
  closed: "Closed",
} as const;

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : undefined));

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Today in the UK's calendar, as the closing and pausing dates are compared with it. */
const todayIso = () => new Date().toISOString().slice(0, 10);

const optionalDate = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || (isoDate.test(v) && !Number.isNaN(Date.parse(v))), message);

/**
 * A textarea of one entry a line: blank lines and surrounding spaces dropped, repeats
 * (ignoring case) kept once. The key is optional so that callers in code may leave it out.
 */
const lines = (opts: { most: number; longest: number; tooMany: string; tooLong: string }) =>
  z
    .string()
    .optional()
    .transform((v) => {
      const seen = new Set<string>();
      return (v ?? "")
        .split(/\r?\n/)
        .map((l) => l.trim().replace(/\s+/g, " "))
        .filter((l) => {
          const key = l.toLowerCase();
          if (!l || seen.has(key)) return false;
          seen.add(key);
          return true;
        });
    })
    .refine((ls) => ls.length <= opts.most, opts.tooMany)
    .refine((ls) => ls.every((l) => l.length <= opts.longest), opts.tooLong)
    .optional();

/** A website: "example.org" is taken as "https://example.org". */
const website = z
  .string()
  .trim()
  .max(200, "The website address must be 200 characters or fewer")
  .optional()
  .transform((v) => (v ? (/^https?:\/\//i.test(v) ? v : `https://${v}`) : undefined))
  .refine((v) => {
    if (v === undefined) return true;
    try {
      const url = new URL(v);
      return /^https?:$/.test(url.protocol) && url.hostname.includes(".") && !/\s/.test(v);
    } catch {
      return false;
    }
  }, "Enter the website's address, like https://www.example.ac.uk")
  .optional();

/** The member-project form, used by the browser and the server. */
export const ProjectSchema = z
  .object({
    name: z
      .string({ error: "Enter the project's name" })
      .trim()
      .min(1, "Enter the project's name")
      .max(200, "Name must be 200 characters or fewer"),
    hostInstitution: optionalText(200, "Host institution"),
    projectKind: z.enum(["university", "law_firm", "other"], {
      error: "Choose what kind of project it is",
    }),
    jurisdictions: z
      .array(z.enum(["england_wales", "scotland", "northern_ireland"]), {
        error: "Choose at least one jurisdiction",
      })
      .min(1, "Choose at least one jurisdiction"),
    status: z.enum(["active", "paused", "closed"], { error: "Choose the project's status" }),
    closedOn: optionalDate("Enter the closing date as a real date"),
    pausedOn: optionalDate("Enter the date the project paused as a real date").optional(),
    capacity: z.coerce
      .number({ error: "Capacity must be a whole number" })
      .int("Capacity must be a whole number")
      .min(0, "Capacity cannot be negative")
      .max(500, "Capacity must be 500 or fewer")
      .optional(),
    addressLines: lines({
      most: 8,
      longest: 100,
      tooMany: "Give the address in 8 lines or fewer",
      tooLong: "Each line of the address must be 100 characters or fewer",
    }),
    contactEmail: z
      .string()
      .trim()
      .max(200, "The e-mail address must be 200 characters or fewer")
      .optional()
      .transform((v) => (v ? v.toLowerCase() : undefined))
      .refine(
        (v) => v === undefined || z.email().safeParse(v).success,
        "Enter the contact e-mail address in the right format, like innocence@example.ac.uk",
      )
      .optional(),
    contactPhone: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.replace(/\s+/g, " ") : undefined))
      .refine(
        (v) => v === undefined || /^\+?[0-9][0-9 ()-]{5,24}$/.test(v),
        "Enter the telephone number in digits, like 01632 960 001 or +44 1632 960 001",
      )
      .optional(),
    website,
    specialisms: lines({
      most: 20,
      longest: 60,
      tooMany: "List 20 specialisms or fewer",
      tooLong: "Each specialism must be 60 characters or fewer",
    }),
    version: z.coerce.number().int().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === "closed" && !v.closedOn) {
      ctx.addIssue({
        code: "custom",
        path: ["closedOn"],
        message: "Enter the date the project closed",
      });
    }
    if (v.status !== "closed" && v.closedOn) {
      ctx.addIssue({
        code: "custom",
        path: ["closedOn"],
        message: "Only a closed project has a closing date",
      });
    }
    if (v.closedOn && v.closedOn > todayIso()) {
      ctx.addIssue({
        code: "custom",
        path: ["closedOn"],
        message: "The closing date cannot be in the future",
      });
    }
    if (v.status === "paused" && !v.pausedOn) {
      ctx.addIssue({
        code: "custom",
        path: ["pausedOn"],
        message: "Enter the date the project paused",
      });
    }
    if (v.status !== "paused" && v.pausedOn) {
      ctx.addIssue({
        code: "custom",
        path: ["pausedOn"],
        message: "Only a paused project has a date it paused: clear it",
      });
    }
    if (v.pausedOn && v.pausedOn > todayIso()) {
      ctx.addIssue({
        code: "custom",
        path: ["pausedOn"],
        message: "The date the project paused cannot be in the future",
      });
    }
  });

export type ProjectInput = z.infer<typeof ProjectSchema>;
