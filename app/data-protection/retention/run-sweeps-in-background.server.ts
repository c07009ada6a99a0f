import { removeStoredFile } from "~/documents/storage.server";
import type { Services } from "~/services";
import { runRetentionSweeps } from "./run-sweeps.server";

let running: Promise<void> | null = null;

/**
 * Starts the sweep runner in this process once an approval has committed, off the request
 * path; a runner already going picks the new sweep up itself. What a crash interrupts is
 * resumed at start-up and by the hourly housekeeping.
 */
export function runSweepsInBackground(services: Pick<Services, "database" | "config" | "logger">) {
  if (running) return;
  const store = { remove: (key: string) => removeStoredFile(services.config.dataDir, key) };
  running = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => runRetentionSweeps(services.database.db, store))
    .then((finished) => {
      if (finished > 0) services.logger.info({ finished }, "retention sweeps finished");
    })
    .catch((err) => services.logger.error({ err }, "retention sweep failed"))
    .finally(() => {
      running = null;
    });
}
