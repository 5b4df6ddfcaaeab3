import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { hydrated, login, shot, watchErrors } from './helpers';

test('the Kabapas reads Today by PK, opens the dashboard and follows a figure to its clients', async ({ page }, info) => {
  const errors = watchErrors(page);
  await login(page, 'kabapas.jakbar');

  // Home: one line per PK instead of the whole office's list; a PK's list opens on its own.
  const groups = page.getByTestId('today-groups');
  await expect(groups.locator('.today-group')).not.toHaveCount(0);
  await expect(page.getByTestId('today').locator('.client-line')).toHaveCount(0);
  await shot(page, info, '110-home-today-by-pk');
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(6000);
  const first = groups.locator('.today-group__name').first();
  const officer = (await first.innerText()).trim();
  await first.click();
  await hydrated(page);
  await expect(page).toHaveURL(/pk=/);
  await expect(page.getByTestId('today-whose')).toHaveText(officer);
  await expect(page.getByTestId('today').locator('.client-line').first()).toBeVisible();
  await shot(page, info, '111-home-today-one-pk');
  await page.getByTestId('today-all').click();
  await hydrated(page);
  await expect(page.getByTestId('today-groups')).toBeVisible();

  // The dashboard: every figure with its value, a month earlier and its methodology.
  await page.getByTestId('home-dashboard').click();
  await hydrated(page);
  const vitals = page.getByTestId('vital');
  await expect(vitals).toHaveCount(10);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Jakarta Barat');
  const overdue = page.locator('[data-vital="terlambat-lapor"]');
  await expect(overdue.getByTestId('vital-now')).toHaveText(/^\d+$/);
  await expect(overdue.getByTestId('vital-before')).toContainText('Sebulan lalu');
  // The month's deadlines: a share, or a dash while nothing has fallen due.
  const litmas = page.locator('[data-vital="litmas-3x24"]');
  await expect(litmas.getByTestId('vital-now')).toHaveText(/^(\d+%|—)$/);
  await expect(litmas.locator('.vital__how')).toHaveAttribute('href', '/metodologi#litmas-3x24');
  await shot(page, info, '112-dashboard');
  // Per PK: the chart (with its title) and its table.
  await overdue.locator('summary').click();
  await expect(overdue.locator('svg.chart title')).toContainText('per PK');
  await expect(overdue.locator('table tbody tr').first()).toBeVisible();
  await shot(page, info, '113-dashboard-per-pk');
  // The figures per PK as a workbook (a zip: "PK"); the download is in the export log.
  const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(workbook.suggestedFilename()).toMatch(/^dasbor-bapas-kelas-i-jakarta-barat-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(readFileSync(await workbook.path()).subarray(0, 2).toString()).toBe('PK');

  // Follow the figure to its list: as many clients as it counts.
  const count = Number((await overdue.getByTestId('vital-now').innerText()).trim());
  await overdue.getByTestId('vital-list').click();
  await hydrated(page);
  await expect(page.getByTestId('dash-list-summary')).toContainText(`${count} klien`);
  await expect(page.getByTestId('client-list').locator('.client-line')).toHaveCount(Math.min(count, 20));
  await shot(page, info, '114-dashboard-list');
  // The whole list as CSV for Excel: a byte-order mark, semicolons, one line per client.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv-excel').click()]);
  expect(download.suggestedFilename()).toBe('daftar-terlambat-lapor.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.startsWith('\uFEFFnomor_register;nama;nik;')).toBe(true);
  expect(csv.trim().split('\r\n')).toHaveLength(count + 1);

  // How it is counted.
  await page.getByRole('link', { name: 'Cara menghitung' }).click();
  await hydrated(page);
  await expect(page).toHaveURL(/metodologi#terlambat-lapor/);
  await expect(page.locator('#terlambat-lapor')).toContainText('Terlambat lapor');
  await shot(page, info, '115-methodology');
  expect(errors).toEqual([]);
});

test('the Kanwil and headquarters read an office\'s vitals without a client list', async ({ page }, info) => {
  const errors = watchErrors(page);
  await login(page, 'pusat');
  await page.getByTestId('home-dashboard').click();
  await hydrated(page);
  await expect(page.getByTestId('vital')).toHaveCount(10);
  await expect(page.getByTestId('vital-list')).toHaveCount(0);
  // The office is chosen with a plain GET form.
  await page.getByLabel('Kantor').selectOption({ label: 'Bapas Kelas I Jakarta Barat' });
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await page.waitForURL(/kantor=/);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Jakarta Barat');
  await shot(page, info, '116-dashboard-pusat');
  // The list behind a figure is the office's own.
  const response = await page.goto('/dasbor/terlambat-lapor');
  expect(response?.status()).toBe(404);
  expect(errors).toEqual([]);
});

test('headquarters compares the Kanwils, then one Kanwil\'s offices, each figure with its trend', async ({ page }, info) => {
  const errors = watchErrors(page);
  await login(page, 'pusat');
  await page.getByTestId('home-region').click();
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('se-Indonesia');
  await expect(page.getByTestId('region-vital')).toHaveCount(10);
  const overdue = page.locator('[data-testid="region-vital"][data-vital="terlambat-lapor"]');
  await expect(overdue.getByTestId('region-total')).toHaveText(/^\d+$/);
  await expect(overdue.locator('svg.chart--trend title')).toContainText('12 bulan');
  await overdue.locator('summary', { hasText: 'Per Kanwil' }).click();
  await expect(overdue.getByTestId('region-area')).toHaveCount(3);
  await expect(overdue.locator('svg.chart title').last()).toContainText('per kantor');
  await shot(page, info, '117-region-nation');

  // One Kanwil's offices, chosen with a plain GET form.
  await page.getByLabel('Wilayah').selectOption({ label: 'Kanwil Ditjenpas DKI Jakarta' });
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await page.waitForURL(/kanwil=/);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('DKI Jakarta');
  const onTime = page.locator('[data-testid="region-vital"][data-vital="lapor-tepat-30"]');
  await onTime.locator('summary', { hasText: 'Tabel tren 12 bulan' }).click();
  await expect(onTime.locator('table').last().locator('tbody tr')).toHaveCount(12);
  await onTime.locator('summary', { hasText: 'Per kantor' }).click();
  await expect(onTime.getByTestId('region-area')).toHaveCount(1);
  await shot(page, info, '118-region-kanwil');
  // An office's line opens its dashboard; how outliers are marked is on the methodology page.
  await onTime.getByTestId('region-area').getByRole('link').click();
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Jakarta Barat');
  await page.goBack();
  await hydrated(page);
  await page.getByRole('link', { name: 'Cara menandai pencilan dan membaca tren' }).click();
  await expect(page).toHaveURL(/metodologi#perbandingan/);
  await expect(page.getByTestId('method-region')).toContainText('Pencilan');
  expect(errors).toEqual([]);
});

test('the Kanwil compares its own region\'s offices', async ({ page }, info) => {
  const errors = watchErrors(page);
  await login(page, 'kanwil.dki');
  await page.getByTestId('home-region').click();
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('DKI Jakarta');
  await expect(page.getByTestId('region-picker')).toHaveCount(0);
  await expect(page.getByTestId('region-vital')).toHaveCount(10);
  // Its PKS: at least the demo's two, one ending within 90 days (other specs add more to the
  // same server); Klien Bapas Peduli one click away.
  const pks = page.getByTestId('region-pks-area');
  await expect(pks).toHaveCount(1);
  expect(Number(await pks.locator('td').first().innerText())).toBeGreaterThanOrEqual(2);
  expect(Number(await pks.locator('td').last().innerText())).toBeGreaterThanOrEqual(1);
  await shot(page, info, '119-region-kanwil-own');
  // The comparison as CSV for Excel: every figure for the region and its office.
  const [table] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv-excel').click()]);
  expect(table.suggestedFilename()).toMatch(/^perbandingan-kanwil-.+\.csv$/);
  const raw = readFileSync(await table.path(), 'utf8');
  expect(raw.startsWith('\uFEFFAngka;Kantor atau Kanwil;')).toBe(true);
  const rows = raw.trim().split('\r\n');
  expect(rows).toHaveLength(1 + 10 * 2);
  await page.getByTestId('region-peduli').click();
  await hydrated(page);
  await expect(page).toHaveURL(/\/peduli/);
  // A Kabapas reads their own office's dashboard, not the comparison.
  await page.context().clearCookies();
  await login(page, 'kabapas.jakbar');
  await expect(page.getByTestId('home-region')).toHaveCount(0);
  const response = await page.goto('/dasbor-wilayah');
  expect(response?.status()).toBe(404);
  expect(errors).toEqual([]);
});

test('the Kabapas searches the office\'s audit log and reads who changed a client\'s records', async ({ page }, info) => {
  const errors = watchErrors(page);
  await login(page, 'kabapas.jakbar');
  await page.goto('/kantor');
  await hydrated(page);
  await page.getByTestId('office-audit').click();
  await hydrated(page);
  const log = page.getByTestId('audit-log').getByTestId('audit-row');
  await expect(log.first()).toBeVisible();
  // Narrowed to referrals (the demo's were sent and answered through the app).
  await page.getByLabel('Jenis catatan').selectOption({ label: 'rujukan' });
  await page.getByRole('button', { name: 'Cari' }).click();
  await page.waitForURL(/jenis=referral/);
  await hydrated(page);
  await expect(log.first()).toContainText('rujukan');
  await shot(page, info, '120-audit-log');

  // The row names its client; their page keeps the history.
  await log.first().getByRole('link', { name: /^Klien / }).click();
  await hydrated(page);
  const history = page.getByTestId('client-history');
  await history.locator('summary').click();
  await expect(history.getByTestId('audit-row').filter({ hasText: 'rujukan' }).first()).toBeVisible();
  await shot(page, info, '121-client-history');
  expect(errors).toEqual([]);
});
