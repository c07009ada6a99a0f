import fs from "node:fs";
import path from "node:path";

/**
 * The folder the worker processes of one run share: the saved sign-ins and the two-factor
 * steps used. playwright.config.ts names it once per run, beside the server's DATA_DIR, and
 * tests/e2e/support/global-teardown.ts removes it.
 */
export function runFolder(): string {
  const folder = process.env.CLEARNAME_E2E_RUN_DIR;
  if (!folder) throw new Error("CLEARNAME_E2E_RUN_DIR is not set (playwright.config.ts sets it)");
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The process holding a lock, or null while it is being taken or once it is gone. */
function holder(lock: string): number | null {
  try {
    return Number(fs.readFileSync(path.join(lock, "pid"), "utf8")) || null;
  } catch {
    return null;
  }
}

/**
 * Runs `fn` holding a lock that the run's worker processes share: a directory, which only
 * one of them can create. A lock whose holder has died is taken over.
 */
export async function withRunLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(runFolder(), `${name}.lock`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const pid = holder(lock);
    if (pid !== null && !isAlive(pid)) fs.rmSync(lock, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`Waited two minutes for the lock ${lock}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The demo users whose sign-in the journeys share: tests/e2e/sign-in.setup.ts signs each in
 * once per run and saves the browser's cookies. Not Lena Lead: tests/e2e/04 changes her
 * password, which signs her out everywhere, so the journeys after it sign her in themselves.
 */
export const SHARED_SIGN_INS = [
  "admin@clearname.test",
  "intake@clearname.test",
  "assessor@clearname.test",
  "assessor2@clearname.test",
  "referrals@clearname.test",
  "trainer@clearname.test",
  "caseworker@clearname.test",
  "caseworker2@clearname.test",
  "caseworker3@clearname.test",
  "lead.fenwick@clearname.test",
] as const;
export type SharedSignIn = (typeof SHARED_SIGN_INS)[number];

/** Where a shared sign-in is saved (Playwright's storageState). */
export function signedInStateFile(email: SharedSignIn): string {
  return path.join(runFolder(), `signed-in-${email}.json`);
}
