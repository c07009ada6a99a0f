import { describe, expect, it } from "vitest";
import { SERVER_ROUTES } from "../server/app";
import { type Access, describeAccess } from "./access/access";
import routes from "./routes";

interface RouteEntry {
  path?: string;
  index?: boolean;
  file: string;
  children?: RouteEntry[];
}

function flatten(entries: RouteEntry[], prefix = ""): { path: string; file: string }[] {
  return entries.flatMap((e) => {
    const path = e.index ? prefix || "/" : `${prefix}/${e.path ?? ""}`.replace(/\/+/g, "/");
    return [{ path, file: e.file }, ...flatten(e.children ?? [], path)];
  });
}

async function declarations() {
  const lines: string[] = [];
  for (const { path, file } of flatten(routes as RouteEntry[])) {
    const mod = (await import(`./${file.replace(/\.tsx$/, "")}`)) as Record<string, unknown>;
    const middleware = (mod.middleware ?? []) as { access?: Access }[];
    const declared = middleware[0]?.access;
    const handlers = [mod.loader ? "GET" : null, mod.action ? "POST" : null]
      .filter(Boolean)
      .join(",");
    lines.push(
      `${path.padEnd(30)} ${handlers.padEnd(9)} ${declared ? describeAccess(declared) : "UNDECLARED"}`,
    );
  }
  for (const r of SERVER_ROUTES)
    lines.push(`${r.path.padEnd(30)} ${r.method.padEnd(9)} ${r.access} (server)`);
  return lines;
}

// Importing every route module is slow on a busy machine.
describe("route access", { timeout: 60_000 }, () => {
  it("has every route declare who may use it, as its first middleware", async () => {
    const lines = await declarations();
    expect(lines.filter((l) => l.includes("UNDECLARED"))).toEqual([]);
  });

  // A change to this snapshot changes who can reach a page: review it as a permission change.
  it("matches the reviewed list of routes and their access", async () => {
    const lines = await declarations();
    await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot("./route-access.snapshot.txt");
  });
});
