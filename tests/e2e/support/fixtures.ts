import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  test as base,
  expect,
  type Page,
} from "@playwright/test";

import type { AxeResults, RunOptions } from "axe-core";
import { DEMO_USERS } from "../../../app/demo/seed-demo.server";
import { type SharedSignIn, signedInStateFile } from "./run-folder";

type Result = AxeResults["violations"][number];

/** WCAG 2.0, 2.1 and 2.2 A and AA: what every page of Clearname must pass. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * axe-core runs in the page itself, loaded once per document. (@axe-core/playwright opens a
 * second page for every analysis and loads axe into both: four to ten times slower here, for
 * the same verdict on pages without frames, which Clearname's are.) Only the violations are
 * collected: the passes are not reported, and leaving them out halves the work.
 */
const AXE_SOURCE = fs.readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);
/**
 * Beyond WCAG's own rules, axe's best practices that make a page hard to find one's way
 * around with a screen reader: two landmarks of one name, headings that skip a level, and a
 * role an element may not take.
 */
export const BEST_PRACTICE_RULES = ["landmark-unique", "heading-order", "aria-allowed-role"];

async function analyze(page: Page): Promise<Result[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ tags, extra }) => {
      const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
      // The rules a run by tag would run: experimental ones are left out, as axe does.
      const tagged = axe.getRules(tags).filter((r) => !r.tags.includes("experimental"));
      const rules = [...tagged.map((r) => r.ruleId), ...extra];
      const options: RunOptions = {
        runOnly: { type: "rule", values: rules },
        resultTypes: ["violations"],
      };
      return (await axe.run(document, options)).violations;
    },
    { tags: WCAG_TAGS, extra: BEST_PRACTICE_RULES },
  );
}

interface Visits {
  /** The page's current address, or null before its first real navigation. */
  current: string | null;
  checked: boolean;
  /**
   * The address the document itself had at the last check. The browser can show a new page
   * state (after a form's redirect) a moment before Playwright hears of the new address: a
   * check made then has seen that state, and the address arriving after it is not unchecked.
   */
  seen: string | null;
  /** Addresses the page moved away from without an accessibility check. */
  unchecked: string[];
}

const visits = new WeakMap<Page, Visits>();
let trackedThisTest: Page[] = [];
/** Contexts opened with JavaScript off, where axe cannot run in the page itself. */
const withoutJavaScript = new WeakSet<BrowserContext>();
/** Where those pages' copies are checked: one page with JavaScript on, per browser. */
const copyPages = new WeakMap<Browser, Page>();

/** Follows a page's navigations, so that a test that forgets to check a page it visited fails. */
function track(page: Page) {
  if (visits.has(page)) return;
  const state: Visits = { current: null, checked: false, seen: null, unchecked: [] };
  visits.set(page, state);
  trackedThisTest.push(page);
  page.on("framenavigated", (frame) => {
    if (frame !== page.mainFrame()) return;
    const url = frame.url();
    if (url === "about:blank" || url === state.current) return;
    if (state.current !== null && !state.checked) state.unchecked.push(state.current);
    state.current = url;
    state.checked = url === state.seen;
  });
}

function trackContext(context: BrowserContext) {
  for (const page of context.pages()) track(page);
  context.on("page", track);
}

function formatViolations(url: string, label: string | undefined, violations: Result[]): string {
  const lines = [
    `${violations.length} accessibility violation${violations.length === 1 ? "" : "s"} on ${
      label ? `${label} (${url})` : url
    }:`,
  ];
  violations.forEach((v, i) => {
    lines.push("", `${i + 1}. ${v.id} [${v.impact ?? "unknown impact"}]: ${v.help}`);
    lines.push(`   ${v.helpUrl}`);
    for (const node of v.nodes.slice(0, 8)) {
      lines.push(`   - at ${node.target.join(" ")}`);
      lines.push(`     ${node.html.replace(/\s+/g, " ").slice(0, 200)}`);
      for (const summary of (node.failureSummary ?? "").split("\n").filter(Boolean)) {
        lines.push(`       ${summary.trim()}`);
      }
    }
    if (v.nodes.length > 8) lines.push(`   … and ${v.nodes.length - 8} more elements`);
  });
  return lines.join("\n");
}

/**
 * axe is a script: in a page with JavaScript off it cannot run. It runs instead on a copy of
 * the page as the browser has it (the server's HTML, less its scripts), at the same address
 * so that the stylesheets load, in a context with JavaScript on.
 */
async function analyzeCopy(page: Page): Promise<Result[]> {
  const url = page.url().replace(/#.*$/, "");
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
  const browser = page.context().browser();
  if (!browser) throw new Error("expectAccessible: the page has no browser");
  let copy = copyPages.get(browser);
  if (!copy || copy.isClosed()) {
    copy = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
    copyPages.set(browser, copy);
  }
  await copy.goto("about:blank");
  await copy.unrouteAll();
  await copy.route(
    (u) => u.href === url,
    (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
  );
  await copy.goto(url);
  return analyze(copy);
}

/**
 * The violations found on each page state this worker has checked, by `pageState`. axe's
 * verdict depends only on what the browser shows (the same build's markup, styles, address,
 * focus and form state), so a state met again, such as the sign-in page in every journey that
 * signs in, is judged by the result already found rather than analysed again.
 */
const checkedStates = new Map<string, Result[]>();

/**
 * What axe's verdict on the page depends on. Left out: the hidden CSRF field and the
 * scripts' text (React Router's data, nonces), which differ on every response but are not
 * shown and not analysed.
 */
async function pageState(page: Page, copy: boolean): Promise<string> {
  const html = (await page.content())
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "<script></script>")
    .replace(/<input\b[^>]*type="hidden"[^>]*>/gi, "<input type=hidden>")
    .replace(/\snonce="[^"]*"/gi, "");
  // A copy is analysed fresh at the page's address; the page itself as the person left it.
  const live = copy
    ? null
    : await page.evaluate(() => ({
        focused: document.activeElement?.outerHTML.slice(0, 300) ?? null,
        fields: Array.from(document.querySelectorAll("input, select, textarea"), (el) => {
          const field = el as HTMLInputElement;
          return field.type === "hidden" ? null : [field.value, field.checked];
        }),
        scroll: [window.scrollX, window.scrollY],
      }));
  return createHash("sha256")
    .update(JSON.stringify([copy, page.url(), page.viewportSize(), live, html]))
    .digest("hex");
}

/**
 * Runs axe on the page as it is now (WCAG 2.2 AA) and fails the test on any violation,
 * listing each rule, the elements it failed on and how to fix them. Every test calls it on
 * every page it visits; the `test` below fails a test that visited a page without it.
 */
export async function expectAccessible(page: Page, label?: string): Promise<void> {
  const state = visits.get(page);
  const copy = withoutJavaScript.has(page.context());
  // Read before the analysis: the address of the document as it is analysed.
  const href = copy ? page.url() : await page.evaluate(() => window.location.href);
  const key = await pageState(page, copy);
  let violations = checkedStates.get(key);
  if (!violations) {
    violations = copy ? await analyzeCopy(page) : await analyze(page);
    checkedStates.set(key, violations);
  }
  if (state) {
    state.checked = true;
    state.seen = href;
  }
  if (violations.length > 0) {
    await base.info().attach(`axe violations${label ? ` (${label})` : ""}`, {
      body: JSON.stringify(violations, null, 2),
      contentType: "application/json",
    });
  }
  expect(violations.length, formatViolations(page.url(), label, violations)).toBe(0);
}

export interface Fixtures {
  /**
   * `test.use({ signedInAs: "intake@clearname.test" })`: the test's own page starts with
   * that demo user's shared sign-in (tests/e2e/sign-in.setup.ts), on no page yet.
   */
  signedInAs: SharedSignIn | undefined;
  /** A new browser context (for a second person, or JavaScript off), closed after the test. */
  openContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  /**
   * A page of its own for another person, with their shared sign-in, on their home page
   * (checked to be theirs, for the test to check with axe as it does any page it visits).
   */
  asUser: (email: SharedSignIn, options?: BrowserContextOptions) => Promise<Page>;
  accessibilityGuard: undefined;
}

/** A shared sign-in is still good: the home page is the user's, not the sign-in page. */
export async function openHomeSignedIn(page: Page, email: SharedSignIn): Promise<void> {
  await page.goto("/");
  await expect(page).toHaveURL("/");
  const name = DEMO_USERS.find((u) => u.email === email)?.name ?? email;
  await expect(page.getByRole("banner")).toContainText(name);
}

export const test = base.extend<Fixtures>({
  signedInAs: [undefined, { option: true }],
  storageState: async ({ signedInAs, storageState }, use) => {
    await use(signedInAs ? signedInStateFile(signedInAs) : storageState);
  },
  context: async ({ context, javaScriptEnabled }, use) => {
    if (javaScriptEnabled === false) withoutJavaScript.add(context);
    trackContext(context);
    await use(context);
  },
  openContext: async ({ browser, contextOptions }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (options) => {
      const context = await browser.newContext({ ...contextOptions, ...options });
      opened.push(context);
      if (options?.javaScriptEnabled === false) withoutJavaScript.add(context);
      trackContext(context);
      return context;
    });
    for (const context of opened) await context.close();
  },
  asUser: async ({ openContext }, use) => {
    await use(async (email, options) => {
      const context = await openContext({ ...options, storageState: signedInStateFile(email) });
      const page = await context.newPage();
      await openHomeSignedIn(page, email);
      return page;
    });
  },
  accessibilityGuard: [
    // Playwright reads the fixtures a function needs from its first parameter: none here.
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the object pattern
    async ({}, use, testInfo) => {
      trackedThisTest = [];
      await use(undefined);
      const missed = trackedThisTest.flatMap((page) => {
        const state = visits.get(page);
        if (!state) return [];
        return state.current !== null && !state.checked
          ? [...state.unchecked, state.current]
          : state.unchecked;
      });
      trackedThisTest = [];
      // Only worth saying when the test otherwise passed.
      if (testInfo.status === testInfo.expectedStatus) {
        expect(
          missed,
          `Pages visited without an accessibility check (call expectAccessible on each):\n${missed.join("\n")}`,
        ).toEqual([]);
      }
    },
    { auto: true },
  ],
});

export { expect };
