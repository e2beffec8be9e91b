import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

export type ColorScheme = 'light' | 'dark';

/** One axe finding, short enough to read in a failed assertion. */
export interface Finding {
  path: string;
  scheme: ColorScheme;
  rule: string;
  impact: string;
  targets: string[];
}

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The serious and critical axe-core findings (WCAG 2.x A and AA rules) on the page as it is now. */
export async function seriousFindingsHere(page: Page, path: string, scheme: ColorScheme): Promise<Finding[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ path, scheme, rule: v.id, impact: v.impact!, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/**
 * Load each path in each colour scheme and run axe-core on it; returns the serious and critical
 * findings. A new page is one more entry in `paths`.
 */
export async function seriousA11yFindings(
  page: Page,
  paths: readonly string[],
  schemes: readonly ColorScheme[] = ['light', 'dark'],
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.ok(), `${path} loads`).toBe(true);
      findings.push(...(await seriousFindingsHere(page, path, scheme)));
    }
  }
  await page.emulateMedia({ colorScheme: null });
  return findings;
}

/** Paths whose document is wider than the viewport (the page scrolls sideways), at the page's current size. */
export async function pagesScrollingSideways(
  page: Page,
  paths: readonly string[],
): Promise<Array<{ path: string; scrollWidth: number; clientWidth: number }>> {
  const wide = [];
  for (const path of paths) {
    await page.goto(path);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    if (scrollWidth > clientWidth) wide.push({ path, scrollWidth, clientWidth });
  }
  return wide;
}

/**
 * The compressed bytes of JavaScript a cold load of `path` fetches: a fresh browser context (empty
 * cache), summed from the browser's resource timing (transferSize: bytes on the wire).
 */
export async function firstLoadScriptBytes(browser: Browser, baseURL: string, path: string): Promise<number> {
  const context = await browser.newContext({ baseURL });
  try {
    const fresh = await context.newPage();
    await fresh.goto(path, { waitUntil: 'load' });
    return await fresh.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => e.initiatorType === 'script' || new URL(e.name).pathname.endsWith('.js'))
        .reduce((n, e) => n + e.transferSize, 0),
    );
  } finally {
    await context.close();
  }
}
