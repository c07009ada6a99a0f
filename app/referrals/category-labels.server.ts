import { inArray } from "drizzle-orm";
import type { Queryable } from "~/db/database.server";
import { investigationCategories } from "~/db/schema";

/** The labels of lines-of-investigation categories (a reference list anyone signed in reads). */
export async function categoryLabels(
  tx: Queryable,
  keys: readonly string[],
): Promise<Record<string, string>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return {};
  const rows = await tx
    .select({ key: investigationCategories.key, label: investigationCategories.label })
    .from(investigationCategories)
    .where(inArray(investigationCategories.key, unique));
  return Object.fromEntries(rows.map((r) => [r.key, r.label]));
}
