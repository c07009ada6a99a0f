import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { asc, sql } from "drizzle-orm";
import { asSystem, type Db, type Queryable, queryRows, toInt } from "~/db/database.server";
import { establishments } from "~/db/schema";

const here = path.dirname(fileURLToPath(import.meta.url));
export const REFERENCE_DIR = path.resolve(here, "reference-data");

/** Welsh names used by the address list for prisons the register names in English. */
const WELSH = new Map([
  ["abertawe", "swansea"],
  ["caerdydd", "cardiff"],
]);

/** "HMP/YOI Altcourse" and "Altcourse" both become "altcourse". */
export function normaliseEstablishmentName(name: string): string {
  const words = name
    .toLowerCase()
    .replace(
      /\b(hmp|hmyoi|hmirc|yoi|hm prison|cem|prison|and|the|young offender institution|immigration removal centre|information|cluster)\b|[/&]/g,
      " ",
    )
    .replace(/\s+/g, " ")
    .trim();
  return WELSH.get(words) ?? words;
}

function readTsv(file: string): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(file, "utf8").split(/\r?\n/).filter(Boolean);
  const keys = (header ?? "").split("\t");
  return lines.map((line) => {
    const cells = line.split("\t");
    return Object.fromEntries(keys.map((k, i) => [k, cells[i]?.trim() ?? ""]));
  });
}

export interface EstablishmentSeed {
  code: string | null;
  name: string;
  operator: string | null;
  addressLines: string[];
  postcode: string | null;
  openedOn: string | null;
  closedOn: string | null;
}

/** Joins the register to the address list by normalised name; unmatched prisons keep no address. */
export function readEstablishmentSeeds(dir = REFERENCE_DIR): {
  seeds: EstablishmentSeed[];
  unmatched: string[];
} {
  const register = readTsv(path.join(dir, "prisons-england-wales.tsv"));
  // "Sheppey Cluster (Elmley)" is filed under "elmley"; "Manchester (Strangeways)" under both names.
  const addresses = new Map<string, Record<string, string>>();
  for (const a of readTsv(path.join(dir, "prison-addresses-england-wales.tsv"))) {
    const name = a.prison ?? "";
    const inner = /\(([^)]+)\)/.exec(name)?.[1];
    const keys = [name.replace(/\([^)]*\)/g, ""), ...(inner ? [inner] : []), ...name.split("/")];
    for (const key of keys) {
      const k = normaliseEstablishmentName(key);
      if (k && !addresses.has(k)) addresses.set(k, a);
    }
  }
  const unmatched: string[] = [];
  const seeds = register.map((r) => {
    const name = r.name ?? "";
    const address = [name, ...name.split("/")]
      .map((n) => addresses.get(normaliseEstablishmentName(n)))
      .find(Boolean);
    if (!address) unmatched.push(r.name ?? "");
    return {
      code: r.prison ?? "",
      name: r.name ?? "",
      operator: r.operator || null,
      addressLines: address ? (address["address-text"] ?? "").split("|").filter(Boolean) : [],
      postcode: address?.postcode || null,
      openedOn: r["start-date"] || null,
      closedOn: r["end-date"] || null,
    };
  });
  return { seeds, unmatched };
}

export type EstablishmentJurisdiction = "england_wales" | "scotland" | "northern_ireland";

/** The Scottish Prison Service's and the Northern Ireland Prison Service's establishments. */
const DEVOLVED_FILES: { file: string; jurisdiction: EstablishmentJurisdiction }[] = [
  { file: "prisons-scotland.tsv", jurisdiction: "scotland" },
  { file: "prisons-northern-ireland.tsv", jurisdiction: "northern_ireland" },
];

/** Scottish and Northern Irish establishments: name, address where one was confirmed, source. */
export function readDevolvedSeeds(
  dir = REFERENCE_DIR,
): (EstablishmentSeed & { jurisdiction: EstablishmentJurisdiction })[] {
  return DEVOLVED_FILES.flatMap(({ file, jurisdiction }) =>
    readTsv(path.join(dir, file)).map((r) => ({
      code: null,
      name: r.name ?? "",
      operator: null,
      addressLines: (r["address-text"] ?? "").split("|").filter(Boolean),
      postcode: r.postcode || null,
      openedOn: null,
      closedOn: null,
      jurisdiction,
    })),
  );
}

/**
 * Loads the England and Wales register into an empty table (any database, not only demo
 * ones), then adds each Scottish and Northern Irish establishment whose name is not there yet,
 * so that an install loaded before they were listed gets them on its next start.
 */
export async function loadEstablishments(db: Db): Promise<number> {
  return asSystem(db, async (tx) => {
    let added = 0;
    const [row] = await queryRows<{ n: number }>(tx, sql`select count(*) as n from establishments`);
    if (toInt(row?.n ?? 0) === 0) {
      const { seeds } = readEstablishmentSeeds();
      await tx
        .insert(establishments)
        .values(seeds.map((s) => ({ ...s, source: "register" as const })));
      added += seeds.length;
    }
    const present = new Set(
      (await tx.select({ name: establishments.name }).from(establishments)).map((r) =>
        normaliseEstablishmentName(r.name),
      ),
    );
    const missing = readDevolvedSeeds().filter(
      (s) => !present.has(normaliseEstablishmentName(s.name)),
    );
    if (missing.length > 0) {
      await tx
        .insert(establishments)
        .values(missing.map((s) => ({ ...s, source: "register" as const })));
    }
    return added + missing.length;
  });
}

export interface EstablishmentOption {
  id: string;
  name: string;
  closed: boolean;
  jurisdiction: EstablishmentJurisdiction;
}

/** For pickers: open establishments first, then closed ones (people may still be recorded there). */
export async function listEstablishmentOptions(tx: Queryable): Promise<EstablishmentOption[]> {
  const rows = await tx
    .select({
      id: establishments.id,
      name: establishments.name,
      closedOn: establishments.closedOn,
      jurisdiction: establishments.jurisdiction,
    })
    .from(establishments)
    .orderBy(asc(establishments.name));
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      closed: Boolean(r.closedOn),
      jurisdiction: r.jurisdiction,
    }))
    .sort((a, b) => Number(a.closed) - Number(b.closed));
}
