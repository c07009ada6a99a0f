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
    closedOn: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine(
        (v) => v === undefined || (isoDate.test(v) && !Number.isNaN(Date.parse(v))),
        "Enter the closing date as a real date",
      ),
    capacity: z.coerce
      .number({ error: "Capacity must be a whole number" })
      .int("Capacity must be a whole number")
      .min(0, "Capacity cannot be negative")
      .max(500, "Capacity must be 500 or fewer")
      .optional(),
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
    if (v.closedOn && v.closedOn > new Date().toISOString().slice(0, 10)) {
      ctx.addIssue({
        code: "custom",
        path: ["closedOn"],
        message: "The closing date cannot be in the future",
      });
    }
  });

export type ProjectInput = z.infer<typeof ProjectSchema>;
