import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface ServerProcess {
  child: ChildProcess;
  /** Everything it has written so far, stdout and stderr together. */
  output(): string;
  /** Resolves when it exits, with its exit code (null if a signal ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>;
}

/**
 * Starts Clearname's built server as a separate process on its own embedded database.
 * `npx` runs it as `npx tsx server/main.ts` (as a person would); `node` runs it as the single
 * process `node --import tsx server/main.ts`, so that a signal reaches the server itself.
 * It gets its own process group, so that `killGroup` ends everything it started.
 */
function withoutNodeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_ENV: _notProduction, ...rest } = env;
  return rest;
}

export function startServer(options: {
  dataDir: string;
  port: number;
  how: "npx" | "node";
}): ServerProcess {
  const [command, args] =
    options.how === "npx"
      ? ["npx", ["tsx", "server/main.ts"]]
      : [process.execPath, ["--import", "tsx", "server/main.ts"]];
  const child = spawn(command, args, {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    // Not NODE_ENV=production, which refuses demo data (see tests/e2e/start-server.ts).
    env: {
      ...withoutNodeEnv(process.env),
      HOST: "127.0.0.1",
      PORT: String(options.port),
      DATA_DIR: options.dataDir,
      PUBLIC_URL: `http://127.0.0.1:${options.port}`,
      LOG_LEVEL: "info",
      DATABASE_URL: "",
      SMTP_URL: "",
      DEMO: "1",
    },
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const startedAt = Date.now();
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    afterMs: number;
  }>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal, afterMs: Date.now() - startedAt }));
  });
  return { child, output: () => output, exited };
}

/** Waits until the server says it is running, failing with its output if it exits or takes too long. */
export async function waitUntilRunning(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!server.output().includes("Clearname is running at")) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`The server exited before it was running:\n${server.output()}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`The server was not running after ${timeoutMs} ms:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resolves with how it exited, or with null if it is still running after `timeoutMs`. */
export function exitWithin(
  server: ServerProcess,
  timeoutMs: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number } | null> {
  return Promise.race([
    server.exited,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
  ]);
}

/** Ends the process group this test started (a no-op once it has exited). */
export async function killGroup(server: ServerProcess): Promise<void> {
  const pid = server.child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
  await exitWithin(server, 5_000);
}
