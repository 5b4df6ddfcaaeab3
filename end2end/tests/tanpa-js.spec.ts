import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, shot } from './helpers';

// A phone whose wasm has not loaded (or a browser without JavaScript): every form still posts.
test.use({ javaScriptEnabled: false });

test('without JavaScript: sign in, a report refused with what was typed kept, then saved', async ({ page }, info) => {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna').fill('pk.jakbar');
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  expect(page.url()).not.toContain('password');

  // The office's date from the Today heading ("Hari ini, 24/11/2026"), rendered by the server.
  const heading = await page.getByTestId('today').getByRole('heading', { level: 2 }).innerText();
  const [, d, m, y] = heading.match(/(\d{2})\/(\d{2})\/(\d{4})/) ?? [];
  const date = `${y}-${m}-${d}`;

  // A client of the officer's own Today list, by a plain link; then the report form.
  await page.getByTestId('today').locator('a.client-line__name').first().click();
  const name = (await page.getByTestId('client-name').innerText()).trim();
  await page.getByTestId('record-report').click();

  // Forgot to say how the client reported: refused, with the problem and what was typed.
  await page.getByLabel('Tanggal').fill(date);
  await page.getByLabel('Jam').fill('08:15');
  const note = `Tanpa JavaScript ${info.project.name}: lapor di kantor`;
  await page.getByLabel('Catatan').fill(note);
  await page.getByRole('button', { name: 'Simpan' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('Cara lapor');
  await expect(page.getByLabel('Tanggal')).toHaveValue(date);
  await expect(page.getByLabel('Jam')).toHaveValue('08:15');
  await expect(page.getByLabel('Catatan')).toHaveValue(note);
  await shot(page, info, '50-nojs-report-refused');

  // Now correctly: back on the client's page with the saved notice and the report on top.
  await page.getByRole('radio', { name: 'Lapor di kantor' }).check();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByTestId('client-name')).toHaveText(name);
  await expect(page.getByRole('status').filter({ hasText: 'Perubahan tersimpan.' })).toBeVisible();
  await expect(page.getByTestId('timeline').locator('li').filter({ hasText: note })).toHaveCount(1);
  await shot(page, info, '51-nojs-report-saved');
});
