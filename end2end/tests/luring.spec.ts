import { Browser, expect, Page, test } from '@playwright/test';
import { DEMO_PASSWORD, hydrated, login, shot, watchErrors } from './helpers';

/** Waits until the service worker controls the page, then loads it again under its control. */
async function underWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await hydrated(page);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test('offline at 360 px: Today and a client from the phone, a home visit sent once when the signal returns', async ({ page, context }, info) => {
  test.skip(info.project.name !== 'phone', 'the offline officer is a phone');
  const errors = watchErrors(page);
  await login(page, 'pk.jakbar');
  await underWorker(page);

  // Today, one of the officer's clients and their report form are kept as they are visited.
  const line = page.getByTestId('today').locator('a.client-line__name[data-offline]').first();
  const fullName = (await line.innerText()).trim();
  await line.click();
  await hydrated(page);
  const clientUrl = page.url();
  await page.getByTestId('record-report').click();
  await hydrated(page);
  await page.goto('/');
  await hydrated(page);
  // The outbox page is kept ahead (the badge links to it).
  await expect.poll(() => page.evaluate(async () => (await caches.open('pamong-pages')).match('/kotak-keluar').then((r) => !!r))).toBe(true);

  await context.setOffline(true);
  await page.goto('/');
  await hydrated(page);
  await expect(page.getByTestId('as-of')).toBeVisible();
  await expect(page.getByTestId('net')).toContainText('Luring');
  await shot(page, info, '60-offline-today');

  await page.getByTestId('today').getByRole('link', { name: fullName }).first().click();
  await hydrated(page);
  await expect(page.getByTestId('client-name')).toHaveText(fullName);
  await expect(page.getByTestId('as-of')).toBeVisible();
  await page.getByTestId('record-report').click();
  await hydrated(page);
  await expect(page.getByTestId('report-form').getByTestId('needs-net')).toContainText('dikirim otomatis');
  await page.getByText('Kunjungan rumah').click();
  await page.getByText('Hadir / ada').click();
  const note = `Kunjungan tanpa sinyal ${Date.now()}: klien di rumah`;
  await page.getByLabel('Catatan').fill(note);
  await shot(page, info, '61-offline-visit-form');
  await page.getByRole('button', { name: 'Simpan' }).click();

  // Kept in the outbox, waiting.
  await page.waitForURL((url) => url.pathname === '/kotak-keluar');
  await hydrated(page);
  const entries = page.getByTestId('outbox-list').locator('li');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toHaveAttribute('data-state', 'waiting');
  await expect(entries.first()).toContainText(fullName);
  await expect(page.getByTestId('net').first()).toContainText('1 menunggu');
  await shot(page, info, '62-outbox-waiting');

  // The signal returns: sent, once.
  await context.setOffline(false);
  await expect(entries.first()).toHaveAttribute('data-state', 'sent', { timeout: 20_000 });
  await shot(page, info, '63-outbox-sent');
  // A second flush (another page opening) sends nothing again.
  await page.reload();
  await hydrated(page);
  await expect(entries.first()).toHaveAttribute('data-state', 'sent');

  await page.goto(clientUrl);
  await hydrated(page);
  await expect(page.getByTestId('as-of')).toBeHidden();
  await expect(page.getByTestId('timeline').getByText(note)).toHaveCount(1);

  // Logging out forgets every kept page.
  await page.goto('/akun');
  await hydrated(page);
  await page.locator('button:visible', { hasText: 'Keluar' }).first().click();
  await page.waitForURL((url) => url.pathname === '/masuk');
  await expect.poll(() => page.evaluate(async () => (await (await caches.open('pamong-pages')).keys()).length)).toBe(0);
  expect(errors).toEqual([]);
});

async function editorOf(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna').fill('pk.jakbar');
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

test('an edit of a client changed meanwhile on the server shows both and asks', async ({ page, browser, baseURL }, info) => {
  test.skip(info.project.name !== 'phone', 'once is enough');
  const errors = watchErrors(page);
  await login(page, 'pk.jakbar');
  const line = page.getByTestId('today').locator('a.client-line__name[data-offline]').first();
  await line.click();
  await hydrated(page);
  const clientUrl = page.url();
  await page.goto(`${clientUrl}/ubah`);
  await hydrated(page);

  // Meanwhile, on another phone, the same client's phone number is changed and saved.
  const other = await editorOf(browser, baseURL);
  await other.goto(`${clientUrl}/ubah`);
  const theirs = `0812${String(Date.now()).slice(-8)}`;
  await other.getByLabel(/^Nomor HP \(opsional\)/).fill(theirs);
  await other.getByRole('button', { name: 'Simpan' }).click();
  await other.waitForURL((url) => !url.pathname.endsWith('/ubah'), { timeout: 15_000 }).catch(async (e) => {
    await other.screenshot({ path: info.outputPath('other.png'), fullPage: true });
    throw e;
  });
  await other.context().close();

  // Here, the address is edited from the page loaded before: refused, with both shown.
  await page.getByLabel(/^Jalan, RT\/RW, nomor rumah/).fill('Jl. Kenanga 3, RT 02/RW 05');
  await page.getByRole('button', { name: 'Simpan' }).click();
  const conflict = page.getByTestId('conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId('conflict-stored').filter({ hasText: theirs })).toHaveCount(1);
  await expect(page.getByLabel(/^Jalan, RT\/RW, nomor rumah/)).toHaveValue('Jl. Kenanga 3, RT 02/RW 05');
  await shot(page, info, '64-conflict');

  // Saving again keeps what was typed here, over the version now shown.
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.waitForURL((url) => url.pathname === new URL(clientUrl).pathname);
  await expect(page.getByRole('status').filter({ hasText: 'Perubahan tersimpan.' })).toBeVisible();
  expect(errors).toEqual([]);
});
