// The thread that runs one piece of heavy work for run-in-worker.server.ts. Plain JavaScript,
// so that it loads the same way under tsx, under vitest and beside the built server: no
// TypeScript loader is needed in the thread. The task is a module whose default export is
// `async (input, { part }) => value`; `part` sends a piece of the result ahead, so that a large
// result reaches the main thread in slices rather than as one long copy.
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";

const { taskPath, input } = workerData;
try {
  const { default: task } = await import(pathToFileURL(taskPath).href);
  const value = await task(input, {
    part: (piece) => parentPort.postMessage({ kind: "part", piece }),
  });
  parentPort.postMessage({ kind: "done", value });
} catch (error) {
  parentPort.postMessage({
    kind: "failed",
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
}
