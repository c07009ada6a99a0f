import os from "node:os";
import { defineConfig } from "vitest/config";

const integration = (name: "pglite" | "postgresql") => ({
  extends: true as const,
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    env: { TEST_DB_KIND: name },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

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
      integration("pglite"),
      // The same integration tests again on a real PostgreSQL server, when one is given.
      ...(process.env.TEST_DATABASE_URL ? [integration("postgresql")] : []),
    ],
  },
});
