import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { hydrated, login, nav, shot, watchErrors } from './helpers';

/** The template's headings, then five rows: three good, one without a birth date, one a child. */
function file(tag: string): string {
  const headings = ['Nama lengkap', 'Jenis kelamin (L/P)', 'Tanggal lahir', 'Dasar hukum', 'Mulai bimbingan',
    'Sisa pidana (bulan)', 'PK (nama pengguna)'];
  const rows = [
    [`Impor Satu ${tag}`, 'L', '12/03/1985', 'Pembebasan Bersyarat', '01/10/2026', '10', 'pk.jakbar'],
    [`Impor Dua ${tag}`, 'P', '1990-07-01', 'pb', '2026-10-01', '8', ''],
    [`Impor Tanpa Lahir ${tag}`, 'L', '', 'pb', '2026-10-01', '8', ''],
    [`Impor Anak ${tag}`, 'L', '01/05/2014', 'pb', '2026-10-01', '8', ''],
    [`Impor Tiga ${tag}`, 'Laki-laki', '1979-01-31', 'cb', '2026-10-01', '6', ''],
  ];
  return [headings, ...rows].map((r) => r.join(',')).join('\n') + '\n';
}

test('the Kabapas imports a spreadsheet with two bad rows and downloads the report', async ({ page }, info) => {
  const errors = watchErrors(page);
  const tag = info.project.name.replace(/\W/g, '');
  await login(page, 'kabapas.jakbar');
  await nav(page, 'Kantor');
  await page.getByTestId('office-import').click();
  await hydrated(page);
  await expect(page.getByTestId('import-template').getByTestId('export-xlsx')).toBeVisible();
  await shot(page, info, '150-import');

  // Without a file the form says what to do (the browser's own check is skipped here).
  await page.getByTestId('import-upload').evaluate((f: HTMLFormElement) => f.setAttribute('novalidate', ''));
  await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
  await expect(page.getByTestId('import-refused')).toHaveText('Pilih berkas terlebih dahulu.');

  await page.getByLabel(/^Berkas/).setInputFiles({ name: 'klien-lama.csv', mimeType: 'text/csv', buffer: Buffer.from(file(tag)) });
  await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
  await page.waitForURL(/\/kantor\/impor\/[0-9a-f-]{36}$/);
  await hydrated(page);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('5 baris dibaca: 3 siap diimpor, 2 ditolak.');
  const problems = page.getByTestId('import-problem');
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toContainText('Tanggal lahir: Wajib diisi');
  await expect(problems.nth(1)).toContainText('daftarkan lewat formulir kasus anak');
  await shot(page, info, '151-import-preview');

  await page.getByRole('button', { name: 'Impor 3 baris yang benar' }).click();
  await expect(page.getByTestId('import-done')).toHaveText('3 klien diimpor ke daftar klien.', { timeout: 30_000 });
  await hydrated(page);
  await shot(page, info, '152-import-done');

  // The report: every row with what became of it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report').getByTestId('export-csv').click()]);
  const report = readFileSync(await download.path(), 'utf8');
  const lines = report.trim().split(/\r?\n/);
  expect(lines).toHaveLength(6);
  expect(lines[1]).toMatch(new RegExp(`^2,Impor Satu ${tag},diimpor,JAKBAR-2026-\\d+,$`));
  expect(lines[3]).toContain(`4,Impor Tanpa Lahir ${tag},ditolak,,Tanggal lahir: Wajib diisi`);

  // The imported clients are in the list, the first with its PK.
  await page.goto(`/klien?q=${encodeURIComponent(`Impor Satu ${tag}`)}`);
  await hydrated(page);
  await expect(page.getByTestId('client-list')).toContainText(`Impor Satu ${tag}`);
  expect(errors).toEqual([]);
});
