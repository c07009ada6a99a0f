import type { RouterContextProvider } from "react-router";
import { actingFrom } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import { asUser } from "~/db/database.server";
import { documentStoreOf } from "~/intake/entry/document-store.server";
import { destroyErasedFiles } from "../erasure/destroy-erased-files.server";
import type { AsOfficer } from "./produce-bundle.server";

/**
 * Runs work as the signed-in officer in a transaction of its own, for the steps of a form that
 * must not hold the form's transaction open (building a bundle). A domain refusal is thrown
 * as it is, so the form shows it.
 */
export function asOfficer(context: Readonly<RouterContextProvider>): AsOfficer {
  const acting = actingFrom(context);
  const { database } = context.get(servicesContext);
  return (fn) => asUser(database.db, acting.viewer.id, (tx) => fn(tx, acting));
}

/** Destroys the files of records an erasure removed, once it has committed. */
export function destroyAfterCommit(
  context: Readonly<RouterContextProvider>,
  storageKeys: readonly string[],
): () => Promise<void> {
  const { database } = context.get(servicesContext);
  return async () => {
    await destroyErasedFiles(database.db, documentStoreOf(context), storageKeys);
  };
}
