import { matchRoutes, type RouteObject } from "react-router";
import { describe, expect, it } from "vitest";
import routes from "../routes";

interface Entry {
  path?: string;
  index?: boolean;
  file: string;
  children?: Entry[];
}

const toRouteObjects = (entries: Entry[]): RouteObject[] =>
  entries.map((e) =>
    e.index
      ? { index: true, id: e.file }
      : { path: e.path, id: e.file, children: toRouteObjects(e.children ?? []) },
  );

function fileFor(pathname: string): string | undefined {
  return matchRoutes(toRouteObjects(routes as Entry[]), pathname)?.at(-1)?.route.id;
}

describe("the letters routes among all the others", () => {
  it("are not captured by another list's applications/:id", () => {
    expect(fileFor("/applications/acknowledge")).toBe(
      "routes/letters/applications.acknowledge.tsx",
    );
    const id = "0b7e1c9a-4f1e-4a4b-9d55-3c1f2a6b8e01";
    expect(fileFor(`/applications/${id}/letters`)).toBe(
      "routes/letters/applications.$id.letters.tsx",
    );
    expect(fileFor(`/applications/${id}/questionnaire.pdf`)).toBe(
      "routes/letters/applications.$id.questionnaire.tsx",
    );
    expect(fileFor("/admin/establishments/new")).toBe("routes/admin/establishments.new.tsx");
  });
});
