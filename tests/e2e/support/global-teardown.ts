import fs from "node:fs";

/** Removes the run's shared folder (saved sign-ins, two-factor steps): see run-folder.ts. */
export default function globalTeardown() {
  const folder = process.env.CLEARNAME_E2E_RUN_DIR;
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
}
