// Must stay the first import: it sets NODE_ENV before any library reads it.
import "./node-env";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "react-router";
import { ConfigError, loadConfig } from "~/config/config.server";
import { DataDirLockedError } from "~/db/data-dir-lock.server";
import { DEMO_PASSWORD, DEMO_USERS } from "~/demo/seed-demo.server";
import { createApp } from "./app";
import { declaredNodeEnv } from "./node-env";
import { closeGracefully, startServices } from "./start";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");

async function main() {
  const config = loadConfig({ ...process.env, NODE_ENV: declaredNodeEnv });
  const started = await startServices(config);
  const { services } = started;
  let app: ReturnType<typeof createApp>;
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true }, root });
    app = createApp({
      services,
      devMiddleware: viteServer.middlewares,
      build: () =>
        viteServer.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>,
    });
  } else {
    const build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
    app = createApp({ services, build, clientDir: path.join(root, "build/client") });
  }
  const server = app.listen(config.port, config.host, () => {
    const lines = [
      "",
      `Clearname is running at ${config.publicUrl}`,
      `Database: ${services.database.kind === "pglite" ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : "PostgreSQL server (DATABASE_URL)"}`,
      `E-mail: ${services.mailer.transport === "smtp" ? "sent over SMTP (SMTP_URL)" : "kept in the outbox (Administrator > Outbox)"}`,
    ];
    if (config.demo) {
      lines.push(
        "",
        `Demo sign-ins (password for all: ${DEMO_PASSWORD}):`,
        ...DEMO_USERS.map(
          (u) =>
            `  ${u.email.padEnd(32)} ${u.roleKey.replaceAll("_", " ")}${u.twoFactor ? " (two-factor: run `npm run demo:code` for the code)" : ""}`,
        ),
      );
    }
    console.log(lines.join("\n"));
  });
  const close = closeGracefully(server, started, services.logger);
  process.on("SIGINT", () => void close("SIGINT"));
  process.on("SIGTERM", () => void close("SIGTERM"));
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error("Clearname could not start:", error);
  }
  process.exit(1);
});
