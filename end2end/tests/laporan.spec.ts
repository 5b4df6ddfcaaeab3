import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { hydrated, login, shot, watchErrors } from './helpers';

test('the Kabapas prints the monthly report; the month is chosen without the wasm; the Kanwil reads it', async ({ page }, info) => {
  const errors = watchErrors(page);

  // The Kabapas opens last month's report from the office page: every part counted.
  await login(page, 'kabapas.jakbar');
  await page.goto('/kantor');
  await hydrated(page);
  await page.getByTestId('office-report').click();
  await hydrated(page);
  const report = page.getByTestId('monthly-report');
  await expect(report.locator('.letterhead__office')).toHaveText('BAPAS KELAS I JAKARTA BARAT');
  await expect(page.getByTestId('report-month')).not.toContainText('bulan berjalan');
  await expect(page.getByTestId('report-needs').locator('tbody tr')).toHaveCount(7);
  // The demo's programmes ran sessions every week of the last two months.
  const busy = page.getByTestId('report-programme');
  expect(await busy.count()).toBeGreaterThanOrEqual(1);
  expect(Number(await busy.first().getByTestId('report-took-part').textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId('report-peduli')).not.toContainText(/^0 kegiatan/);
  expect(await page.getByTestId('report-plan').count()).toBeGreaterThanOrEqual(1);
  await shot(page, info, '103-monthly-report');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('report-pick')).toBeHidden();
  await shot(page, info, '104-monthly-report-print');
  await page.emulateMedia({ media: 'screen' });

  // The same report as a PDF on the letterhead, a plain link; the print is in the export log.
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
  expect(pdf.suggestedFilename()).toMatch(/^laporan-bulanan-bapas-kelas-i-jakarta-barat-\d{4}-\d{2}\.pdf$/);
  expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');
  await page.goto('/kantor/ekspor');
  await expect(page.locator('main')).toContainText('Laporan bulanan (PDF)');
  await page.goBack();
  await hydrated(page);

  // This month so far, chosen with the plain GET form.
  const month = page.locator('#report-month');
  await month.selectOption({ index: 0 });
  await page.getByTestId('report-pick').getByRole('button', { name: 'Tampilkan' }).click();
  await page.waitForURL(/bulan=\d{4}-\d{2}/);
  await hydrated(page);
  await expect(page.getByTestId('report-month')).toContainText('bulan berjalan');

  // The Kanwil reads the office's report from its home page: counts, no names.
  await page.context().clearCookies();
  await login(page, 'kanwil.dki');
  await page.getByTestId('home-report').click();
  await hydrated(page);
  const office = page.locator('#report-office');
  if (await office.count()) {
    // Other tests may add offices to the region meanwhile.
    const value = await office.locator('option', { hasText: 'Jakarta Barat' }).getAttribute('value');
    await office.selectOption(value!);
    await page.getByTestId('report-pick').getByRole('button', { name: 'Tampilkan' }).click();
    await page.waitForURL(/kantor=/);
    await hydrated(page);
  }
  await expect(page.getByTestId('monthly-report').locator('.letterhead__office')).toHaveText('BAPAS KELAS I JAKARTA BARAT');
  await expect(page.getByTestId('report-plan').first()).toBeVisible();
  await shot(page, info, '105-monthly-report-kanwil');
  expect(errors).toEqual([]);
});

test('a month that cannot be read is refused with a message, not a crash', async ({ page }) => {
  await login(page, 'kabapas.jakbar');
  const answer = await page.goto('/laporan-bulanan?bulan=2026-13');
  expect(answer?.status()).toBe(422);
  await expect(page.getByTestId('error-page')).toBeVisible();
  const later = await page.goto('/laporan-bulanan?bulan=2999-01');
  expect(later?.status()).toBe(422);
});

test('headquarters (pusat) reads the figures of every Kanwil and Bapas, and no client', async ({ page }, info) => {
  const errors = watchErrors(page);
  await login(page, 'pusat');
  await expect(page.getByTestId('home-report')).toBeVisible();

  // Klien Bapas Peduli across the country, each office with its Kanwil.
  await page.getByTestId('home-peduli').click();
  await hydrated(page);
  const rows = page.getByTestId('peduli-overview').getByTestId('peduli-row');
  for (const office of ['Jakarta Barat', 'Jember', 'Jambi']) {
    await expect(rows.filter({ hasText: office })).toHaveCount(1);
  }
  await shot(page, info, '106-pusat-peduli');

  // Any office's monthly report.
  await page.goto('/');
  await hydrated(page);
  await page.getByTestId('home-report').click();
  await hydrated(page);
  const office = page.locator('#report-office');
  const value = await office.locator('option', { hasText: 'Jambi' }).getAttribute('value');
  await office.selectOption(value!);
  await page.getByTestId('report-pick').getByRole('button', { name: 'Tampilkan' }).click();
  await page.waitForURL(/kantor=/);
  await hydrated(page);
  await expect(page.getByTestId('monthly-report').locator('.letterhead__office')).toContainText('JAMBI');
  await shot(page, info, '107-pusat-report');

  // No caseload: the client list lists no one for them.
  await page.goto('/klien');
  await hydrated(page);
  await expect(page.locator('a.client-line__name')).toHaveCount(0);
  expect(errors).toEqual([]);
});
