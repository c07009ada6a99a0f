import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * How much a piece of heavy work may take before it is stopped. `memoryMb` caps the thread's
 * JavaScript heap (V8 stops it when it would go over); buffers outside that heap are watched
 * from here through the process's resident memory, with `memoryMb` again as the allowance.
 */
export interface WorkerLimits {
  timeMs: number;
  memoryMb: number;
}

/** Why heavy work did not finish. */
export type RefusalCause = "time" | "memory" | "busy" | "failed";

export type WorkerOutcome<T, P = never> =
  | { status: "done"; value: T; parts: P[] }
  /** `reason` is for the user; `detail` (an error's stack, for "failed") only for the log. */
  | { status: "refused"; cause: RefusalCause; reason: string; detail?: string };

export interface RunInWorkerOptions extends WorkerLimits {
  /** What to tell the user when the work ran out of time or memory, e.g. "The PDF is too complex to read". */
  tooHeavy: string;
  /** What to tell the user when the work failed for another reason (a file the library chokes on). */
  unreadable?: string;
  /** How long to wait for a free worker before refusing; the default is the time limit. */
  queueMs?: number;
}

/** The folder the app's source lives in: worker modules are loaded from there, never bundled. */
function findAppRoot(): string {
  // From this file under app/shared/worker in source, or from build/server once bundled.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, "app", "shared", "worker", "host.worker.mjs"))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

const appRoot = findAppRoot();
const HOST = path.join(appRoot, "app", "shared", "worker", "host.worker.mjs");

/**
 * Heavy workers at once. Each takes a core for as long as it runs: on a two-core machine one,
 * so that the main thread always has a core to answer everyone else. More wait their turn.
 */
export const HEAVY_WORKERS = Math.max(1, Math.min(2, os.availableParallelism() - 1));

/** Work waiting for a worker beyond this many is refused at once rather than queued. */
const MAX_WAITING = 20;

let running = 0;
const waiting: (() => void)[] = [];

/** Resolves to a release function once a worker slot is free, or to null after `ms`. */
function acquire(ms: number): Promise<(() => void) | null> {
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  if (running < HEAVY_WORKERS) {
    running++;
    return Promise.resolve(release);
  }
  if (waiting.length >= MAX_WAITING) return Promise.resolve(null);
  return new Promise((resolve) => {
    const turn = () => {
      clearTimeout(timer);
      running++;
      resolve(release);
    };
    const timer = setTimeout(() => {
      waiting.splice(waiting.indexOf(turn), 1);
      resolve(null);
    }, ms);
    waiting.push(turn);
  });
}

const BUSY =
  "Clearname is busy reading other large files. Nothing was saved: try again in a few minutes";

/**
 * Runs the default export of `task` (a plain `.mjs` module, a path from the app's root such
 * as "app/shared/pdf/read-pdf.worker.mjs") in a worker thread with `input`, within the
 * limits: past the time limit the thread is terminated; past the memory limit V8 stops it.
 * The main thread only waits, so the server keeps answering everyone else meanwhile.
 */
export async function runInWorker<T, P = never>(
  task: string,
  input: unknown,
  options: RunInWorkerOptions,
): Promise<WorkerOutcome<T, P>> {
  const release = await acquire(options.queueMs ?? options.timeMs);
  if (!release) return { status: "refused", cause: "busy", reason: BUSY };
  try {
    return await runThread<T, P>(path.join(appRoot, task), input, options);
  } finally {
    release();
  }
}

const UNREADABLE = "The file could not be read. Nothing was saved";

/** How often the resident memory of the process is looked at while a worker runs. */
const WATCH_MS = 200;

function runThread<T, P>(
  taskPath: string,
  input: unknown,
  options: RunInWorkerOptions,
): Promise<WorkerOutcome<T, P>> {
  return new Promise((resolve) => {
    const parts: P[] = [];
    const worker = new Worker(HOST, {
      workerData: { taskPath, input },
      resourceLimits: {
        maxOldGenerationSizeMb: options.memoryMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(8, options.memoryMb / 8)),
      },
    });
    let settled = false;
    const rssAtStart = process.memoryUsage.rss();
    const settle = (outcome: WorkerOutcome<T, P>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      resolve(outcome);
      // Terminating a thread that has finished is harmless; one still working is stopped.
      void worker.terminate();
    };
    const refuse = (cause: RefusalCause, detail?: string) =>
      settle({
        status: "refused",
        cause,
        reason: cause === "failed" ? (options.unreadable ?? UNREADABLE) : options.tooHeavy,
        detail,
      });
    const timer = setTimeout(() => refuse("time"), options.timeMs);
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - rssAtStart > options.memoryMb * 2 * 1024 * 1024)
        refuse("memory");
    }, WATCH_MS);
    worker.on("message", (message: { kind: string; piece?: P; value?: T; message?: string }) => {
      if (message.kind === "part") parts.push(message.piece as P);
      else if (message.kind === "done")
        settle({ status: "done", value: message.value as T, parts });
      else refuse("failed", message.message);
    });
    worker.on("error", (error: Error & { code?: string }) =>
      error.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? refuse("memory")
        : refuse("failed", error.stack ?? error.message),
    );
    worker.on("exit", (code) => refuse("failed", `the worker stopped with exit code ${code}`));
  });
}
