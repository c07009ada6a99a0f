import { parseWithZod } from "@conform-to/zod/v4";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import { BreachDecisionSchema, BreachSchema } from "../schemas";
import { BreachForm } from "./breach-form";
import { DecisionForm } from "./decision-form";

/**
 * The page as the server sends it after a refused form (what a browser without JavaScript
 * shows): the error summary at the top lists the field's message, and what was typed is kept.
 */
function serverRendered(form: () => ReturnType<typeof createElement>): string {
  const Stub = createRoutesStub([{ path: "/", Component: form }]);
  return renderToStaticMarkup(createElement(Stub, { initialEntries: ["/"] }));
}

const summary = (html: string) =>
  html.match(/<div class="error-summary" role="alert"[\s\S]*?<\/div>/)?.[0] ?? "";

const posted = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) data.set(name, value);
  return data;
};

describe("the breach forms, refused", () => {
  it("lists a time in the future in the summary, linked to its field, and keeps what was typed", () => {
    const result = parseWithZod(
      posted({
        title: "Letter sent to the wrong prison",
        whatHappened: "It went to HMP Lincoln.",
        discoveredAt: "2999-01-01T09:30",
      }),
      { schema: BreachSchema },
    ).reply();
    const html = serverRendered(() => createElement(BreachForm, { lastResult: result }));
    const alert = summary(html);
    expect(alert).toContain("The time cannot be in the future");
    expect(alert).toContain('<a href="#breach-discoveredAt">The time cannot be in the future</a>');
    expect(html).toContain('value="2999-01-01T09:30"');
    expect(html).toContain('value="Letter sent to the wrong prison"');
  });

  it("lists every field left empty", () => {
    const result = parseWithZod(posted({ title: "", whatHappened: "", discoveredAt: "" }), {
      schema: BreachSchema,
    }).reply();
    const alert = summary(serverRendered(() => createElement(BreachForm, { lastResult: result })));
    expect(alert).toContain("Enter a short title");
    expect(alert).toContain("Enter what happened");
    expect(alert).toContain("Enter when the breach was found");
  });

  it("lists a refused decision in the summary", () => {
    const result = parseWithZod(posted({ version: "1", decision: "report" }), {
      schema: BreachDecisionSchema,
    }).reply({ fieldErrors: { decisionReasons: ["Write down the reasons for the decision"] } });
    const current = {
      version: 1,
      risk: null,
      decision: "undecided",
      decisionReasons: null,
      reportedToIcoAt: null,
      icoReference: null,
      whoWasTold: "",
      actionsTaken: "",
    };
    const alert = summary(
      serverRendered(() => createElement(DecisionForm, { current, lastResult: result })),
    );
    expect(alert).toContain("Write down the reasons for the decision");
  });
});
