import type { RouterContextProvider } from "react-router";
import { asViewer } from "~/access/access.server";
import type { Acting } from "~/access/acting";
import type { Tx } from "~/db/database.server";
import { AppError } from "~/errors/app-error";

/**
 * Runs one change of a case page. A domain refusal (INVALID or CONFLICT: no form of authority,
 * no consent, a request already answered) comes back as a message for the form, so the page
 * shows it beside what was typed; the refusal is raised before anything is written.
 */
export async function attempt<T>(
  context: Readonly<RouterContextProvider>,
  work: (tx: Tx, acting: Acting) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  return asViewer(context, async (tx, acting) => {
    try {
      return { ok: true as const, value: await work(tx, acting) };
    } catch (error) {
      if (error instanceof AppError && (error.code === "CONFLICT" || error.code === "INVALID"))
        return { ok: false as const, message: error.message };
      throw error;
    }
  });
}
