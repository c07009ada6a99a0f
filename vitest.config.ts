import os from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Integration test files that replace a module (`vi.mock`): they run each in a process of its
 * own. The others share their worker's modules (`isolate: false`): each file still has a
 * database of its own, and importing the app and starting PGlite once per worker rather than
 * once per file takes minutes off the suite.
 */
const ISOLATED = ["tests/integration/throttles.test.ts"];

/**
 * Files whose time goes on drawing and reading pages (pdf.js, canvas, Tesseract), the same work
 * whichever database holds the rows: when PostgreSQL is given they run on it only. The
 * end-to-end journeys (tests/e2e/scanned-letters.spec.ts, redaction.spec.ts) run the same
 * features on the embedded database (docs/decisions/033-the-test-suite-in-twenty-minutes.md).
 */
const ONE_DATABASE = [
  "tests/integration/redaction.test.ts",
  "tests/integration/scan-reading.test.ts",
];
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);

const integration = (name: "pglite" | "postgresql") =>
  [
    {
      name,
      include: ["tests/integration/**/*.test.ts"],
      exclude: [...ISOLATED, ...(name === "pglite" && withPostgres ? ONE_DATABASE : [])],
      isolate: false,
    },
    { name: `${name}-isolated`, include: ISOLATED, isolate: true },
  ].map((files) => ({
    extends: true as const,
    test: {
      ...files,
      globalSetup: ["tests/support/global-setup.ts"],
      env: { TEST_DB_KIND: name },
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  }));

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    // One test file per core. Vitest's default keeps a core for itself (cores - 1: one file at
    // a time on CI's two), but it is mostly idle while the files run: PGlite works in the
    // test's own process, PostgreSQL in the server's. Each file has its own database.
    maxWorkers: os.availableParallelism(),
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["app/**/*.test.ts", "server/**/*.test.ts"] },
      },
      ...integration("pglite"),
      // The same integration tests again on a real PostgreSQL server, when one is given.
      ...(withPostgres ? integration("postgresql") : []),
    ],
  },
});
