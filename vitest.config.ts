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
