import AxeBuilder from '@axe-core/playwright';
import { expect, Locator, Page, TestInfo } from '@playwright/test';

export const DEMO_PASSWORD = 'pamong-demo-2026';

/** The error list of each watched page, which the accessibility check adds to. */
const watched = new WeakMap<Page, string[]>();

/**
 * Fails the test on any page error or console error, so a broken island cannot pass, and on
 * any serious or critical accessibility violation axe-core finds on a page the test waits
 * for (see `hydrated`).
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  watched.set(page, errors);
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Refusals (401, 404, 422, 429) are answers the page handles, not errors of the page.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/**
 * Waits until the wasm has hydrated the page (an Effect sets the attribute). The debug wasm
 * is large (over 20 MB), and a full reload on a busy two-core machine can take longer than
 * the default 10 s to compile and hydrate.
 */
export async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
  await checkAccessibility(page);
}

/** Pages already checked in this test (by path): a page reloaded after a save is not checked twice. */
const checked = new WeakMap<Page, Set<string>>();

/** Runs axe-core (WCAG 2.1 A and AA) on the page and records serious and critical violations. */
export async function checkAccessibility(page: Page) {
  const errors = watched.get(page);
  if (!errors) return;
  const seen = checked.get(page) ?? new Set<string>();
  checked.set(page, seen);
  const path = new URL(page.url()).pathname;
  if (seen.has(path)) return;
  seen.add(path);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  for (const v of results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
    errors.push(`axe ${v.impact} ${v.id} on ${path}: ${v.help} (${where})`);
  }
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/masuk');
  await hydrated(page);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await hydrated(page);
}

export async function shot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
  await info.attach(name, { path: info.outputPath(`${name}.png`), contentType: 'image/png' });
}

/** Opens a navigation destination; on phones it is in the bottom bar, on desktops the side bar. */
export async function nav(page: Page, name: string) {
  await page.getByRole('navigation', { name: /Navigasi utama|Main navigation/ }).getByRole('link', { name }).click();
  await hydrated(page);
}

/**
 * Clicks something whose success reloads the page (`reload_on_success`), and waits for the new
 * page to hydrate. Without waiting for the reload, the old page's `data-hydrated` answers at
 * once and the test types into the reloaded page before its wasm runs.
 */
export async function clickThenReload(page: Page, target: Locator) {
  const reloaded = page.waitForEvent('load');
  await target.click();
  await reloaded;
  await hydrated(page);
}
