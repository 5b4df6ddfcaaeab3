import AxeBuilder from '@axe-core/playwright';
import { createHmac } from 'node:crypto';
import { Cookie, expect, Locator, Page, TestInfo } from '@playwright/test';

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

/**
 * The demo's authenticator key: admin, pusat, kanwil.dki and kabapas.jakbar type a code from
 * it after the password (crates/service/src/seed/mod.rs, DEMO_TOTP_KEY).
 */
export const DEMO_TOTP_KEY = 'PAMONGDEMOSECRETKEYFORTWOFACTOR2';

/** The bytes of a base32 key (RFC 4648, no padding). */
function base32(key: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of key.replace(/\s/g, '').toUpperCase()) {
    value = ((value << 5) | alphabet.indexOf(c)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The six-digit TOTP code (RFC 6238: HMAC-SHA1, 30 s) of `key` at `at`, `steps` steps on. */
export function totp(key = DEMO_TOTP_KEY, at = Date.now(), steps = 0): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000) + steps));
  const mac = createHmac('sha1', base32(key)).update(counter).digest();
  const o = mac[mac.length - 1] & 0x0f;
  const value = ((mac[o] & 0x7f) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  return String(value % 1_000_000).padStart(6, '0');
}

/**
 * Types the authenticator code at the second step of a sign-in and waits for the home page.
 * A code is good once, and the suite signs the same users in many times: when this step's
 * code was used already, it waits for the next one.
 */
export async function typeCode(page: Page, key = DEMO_TOTP_KEY) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByLabel('Kode', { exact: true }).fill(totp(key));
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.waitForLoadState();
    if (new URL(page.url()).pathname === '/') return;
    await expect(page.getByText('Kode salah').first()).toBeVisible();
    await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  }
  throw new Error('the second step refused every code');
}

/** Session cookies of the users who sign in with a code, kept so a test need not wait for one. */
const sessions = new Map<string, Cookie[]>();

/**
 * Fills in and posts the login form (the page is open), then the second step if the user has
 * one; ends on the home page.
 */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => url.pathname === '/' || url.pathname === '/masuk/kode');
  if (new URL(page.url()).pathname === '/masuk/kode') {
    await typeCode(page);
    const cookies = await page.context().cookies();
    sessions.set(username, cookies.filter((c) => c.name === 'pamong_session'));
  }
  await page.waitForURL((url) => url.pathname === '/');
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  const kept = password === DEMO_PASSWORD ? sessions.get(username) : undefined;
  if (kept) {
    await page.context().addCookies(kept);
    await page.goto('/');
    if (new URL(page.url()).pathname === '/') {
      await hydrated(page);
      return;
    }
    sessions.delete(username);
  }
  await page.goto('/masuk');
  await hydrated(page);
  await submitLogin(page, username, password);
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
