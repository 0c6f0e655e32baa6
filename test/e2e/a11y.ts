import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
// Evaluated through the DevTools protocol, which the app's CSP (`script-src 'self'`) does not block.
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

const BLOCKING = new Set(["serious", "critical"]);

/** Readable lines for a failure message: rule, impact, help, and each offending element. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map(
          (n) =>
            `    - ${n.target.join(" ")}\n      ${n.html}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`,
        )
        .join("\n");
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join("\n");
}

/** Every document the page loaded, so a test can prove it checked each one. */
const loads = new WeakMap<Page, { count: number; checked: Set<number>; urls: string[] }>();

/** Starts counting the documents a page loads (call right after newPage). */
export function trackPages(page: Page): void {
  const state = { count: 0, checked: new Set<number>(), urls: [] as string[] };
  loads.set(page, state);
  page.on("domcontentloaded", () => {
    state.count += 1;
    state.urls.push(page.url());
  });
}

/**
 * Runs axe-core on the page as it is now (after it has loaded) and fails on any violation whose
 * impact is "serious" or "critical", listing them. Minor and moderate ones are printed, not fatal.
 */
export async function checkA11y(page: Page, label = page.url()): Promise<void> {
  await page.waitForLoadState("load");
  const state = loads.get(page);
  const documentIndex = state?.count;
  const alreadyThere = await page.evaluate(() => "axe" in window);
  if (!alreadyThere) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      resultTypes: ["violations"],
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
      },
    });
    return result.violations;
  })) as AxeViolation[];
  const blocking = violations.filter((v) => v.impact && BLOCKING.has(v.impact));
  const other = violations.filter((v) => !(v.impact && BLOCKING.has(v.impact)));
  if (other.length > 0 && process.env.E2E_VERBOSE) {
    console.log(`axe (minor/moderate) on ${label}:\n${describeViolations(other)}`);
  }
  assert.equal(
    blocking.length,
    0,
    `axe found ${blocking.length} serious/critical violation(s) on ${label}:\n${describeViolations(blocking)}`,
  );
  if (state && documentIndex !== undefined) state.checked.add(documentIndex);
}

/** Fails unless checkA11y ran on every document the page loaded since trackPages. */
export function assertEveryPageChecked(page: Page): void {
  const state = loads.get(page);
  assert.ok(state, "trackPages(page) was not called");
  const missed = state.urls.filter((_, i) => !state.checked.has(i + 1));
  assert.deepEqual(
    missed,
    [],
    `These pages were visited without an accessibility check: ${missed.join(", ")}`,
  );
}
