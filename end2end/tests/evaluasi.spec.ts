import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { checkAccessibility, hydrated, login, shot, watchErrors } from './helpers';

test('the Kabapas evaluates how the office\'s supervisions ended', async ({ page }, info) => {
  const errors = watchErrors(page);
  await login(page, 'kabapas.jakbar');
  await page.getByTestId('home-evaluation').click();
  await hydrated(page);
  await expect(page.getByTestId('eval-heading')).toContainText('Jakarta Barat');
  // The demo's former clients: every part has rows and a total.
  for (const part of ['eval-outcomes', 'eval-closing', 'eval-offences', 'eval-returns']) {
    await expect(page.getByTestId(part).getByTestId('eval-row')).not.toHaveCount(0);
    await expect(page.getByTestId(part).getByTestId('eval-total')).toBeVisible();
  }
  const ended = Number(await page.getByTestId('eval-outcomes').getByTestId('eval-total').locator('td').nth(4).innerText());
  expect(ended).toBeGreaterThan(0);
  await expect(page.getByTestId('eval-outcomes').locator('svg.chart')).toBeVisible();
  await checkAccessibility(page);
  await shot(page, info, '122-evaluation-office');

  // Three years, by risk band at the start: the GET form keeps what was asked.
  await page.getByLabel('Dari tanggal').fill('2024-01-01');
  await page.getByLabel('Dikelompokkan menurut').selectOption('risiko');
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await page.waitForURL(/menurut=risiko/);
  await hydrated(page);
  await expect(page.getByLabel('Dari tanggal')).toHaveValue('2024-01-01');
  await expect(page.getByTestId('eval-outcomes').locator('thead th').first()).toHaveText('Risiko awal');
  // Over three years some completions have had their whole year: the one-year column has a share.
  await expect(page.getByTestId('eval-returns').getByTestId('eval-total').locator('td').first()).toContainText('dari');
  await shot(page, info, '123-evaluation-by-band');

  // The table as a workbook, with the same query; the export is in the office's log.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(download.suggestedFilename()).toBe('evaluasi.xlsx');
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  await page.goto('/kantor/ekspor');
  await expect(page.locator('main')).toContainText('Evaluasi hasil');
  await expect(page.locator('main')).toContainText('menurut: risiko; format: xlsx');
  // The export log downloads too, headed in Bahasa Indonesia (and is itself logged).
  const [log] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(log.suggestedFilename()).toMatch(/^log-ekspor.*\.csv$/);
  const logCsv = readFileSync(await log.path(), 'utf8');
  expect(logCsv.split('\r\n')[0]).toBe('Waktu,Pengguna,Jenis ekspor,Yang diminta,Jumlah baris');
  expect(logCsv).toContain('Evaluasi hasil');
  await page.goBack();
  await hydrated(page);

  // The caveats are one click away.
  await page.getByTestId('eval-returns').getByRole('link', { name: 'Cara menghitung' }).click();
  await expect(page).toHaveURL(/metodologi#evaluasi/);
  await expect(page.getByTestId('method-evaluation')).toContainText('proksi');
  expect(errors).toEqual([]);
});

test('a bad period is refused with its reason and the form kept', async ({ page }) => {
  await login(page, 'kabapas.jakbar');
  const response = await page.goto('/evaluasi?dari=2026-06-01&sampai=2026-05-01&menurut=');
  expect(response?.status()).toBe(422);
  await expect(page.locator('.error-summary')).toContainText('Sampai tanggal');
  await expect(page.getByLabel('Dari tanggal')).toHaveValue('2026-06-01');
});

test('headquarters compares the Kanwils and names no client', async ({ page }, info) => {
  const errors = watchErrors(page);
  await login(page, 'pusat');
  await page.getByTestId('home-evaluation').click();
  await hydrated(page);
  await expect(page.getByTestId('eval-heading')).toContainText('nasional');
  await expect(page.getByTestId('eval-outcomes').locator('thead th').first()).toHaveText('Kanwil');
  await expect(page.getByTestId('eval-outcomes').getByTestId('eval-row')).toHaveCount(3);
  await shot(page, info, '124-evaluation-national');
  await page.getByLabel('Dikelompokkan menurut').selectOption('kantor');
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await page.waitForURL(/menurut=kantor/);
  await expect(page.getByTestId('eval-outcomes').locator('thead th').first()).toHaveText('Kantor');
  expect(errors).toEqual([]);
});

test('an officer has no evaluation', async ({ page }) => {
  await login(page, 'pk.jakbar');
  await expect(page.getByTestId('home-evaluation')).toHaveCount(0);
  const response = await page.goto('/evaluasi');
  expect(response?.status()).toBe(404);
});
