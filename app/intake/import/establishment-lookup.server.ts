import type { Queryable } from "~/db/database.server";
import { establishments } from "~/db/schema";
import { normaliseEstablishmentName } from "../establishments.server";
import type { EstablishmentLookup } from "./validate-row.server";

/**
 * Finds establishments by the names legacy spreadsheets use: the register's name in any case
 * ("HMP Altcourse"), or the name without its prefix ("Altcourse"). A name that fits more than
 * one establishment, or none, is a problem with the row.
 */
export async function loadEstablishmentLookup(tx: Queryable): Promise<EstablishmentLookup> {
  const rows = await tx
    .select({ id: establishments.id, name: establishments.name })
    .from(establishments);
  const exact = new Map<string, Set<string>>();
  const loose = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, id: string) => {
    if (!key) return;
    const ids = map.get(key) ?? new Set<string>();
    ids.add(id);
    map.set(key, ids);
  };
  for (const r of rows) {
    add(exact, r.name.trim().toLowerCase(), r.id);
    add(loose, normaliseEstablishmentName(r.name), r.id);
  }
  return {
    find(name) {
      const ids =
        exact.get(name.trim().toLowerCase()) ?? loose.get(normaliseEstablishmentName(name));
      if (!ids) return { problem: `No establishment is called “${name}”` };
      if (ids.size > 1)
        return { problem: `“${name}” fits more than one establishment: use its full name` };
      const [id] = ids;
      return id ? { id } : { problem: `No establishment is called “${name}”` };
    },
  };
}
