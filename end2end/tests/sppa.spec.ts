import { expect, Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { hydrated, login, nav, shot, watchErrors } from './helpers';

/** A date N days before today at a WIB office, as YYYY-MM-DD. */
function wibDaysAgo(days: number): string {
  const at = new Date(Date.now() + 7 * 3600_000 - days * 86_400_000);
  return at.toISOString().slice(0, 10);
}

async function signOut(page: Page) {
  await page.context().clearCookies();
}

const SECTIONS: [string, string][] = [
  ['Data pribadi dan keluarga', 'Anak tinggal bersama ibu dan dua adik; ayah bekerja di luar kota.'],
  ['Latar belakang tindak pidana', 'Terpengaruh teman sebaya; baru pertama kali berurusan dengan polisi.'],
  ['Keadaan korban', 'Korban tidak terluka; kerugian telah diganti keluarga anak.'],
  ['Riwayat diversi', 'Musyawarah diversi tahap penyidikan dijadwalkan.'],
  ['Rekomendasi', 'Diversi dengan pengembalian kepada orang tua.'],
];

test('a child case: registration, Litmas drafted, submitted, approved and delivered; break-glass in the access log', async ({ page }, info) => {
  const errors = watchErrors(page);
  const child = `Wulan Sari ${info.project.name === 'phone' ? 'Ponsel' : 'Meja'} ${Date.now() % 100000}`;

  // The PK registers the case; the SPPA rules show as the form fills.
  await login(page, 'pk.jakbar');
  await nav(page, 'Anak');
  await expect(page.getByTestId('deadlines')).toBeVisible();
  await shot(page, info, '30-abh-board');
  await page.getByRole('link', { name: 'Daftarkan perkara anak' }).click();
  await hydrated(page);
  await page.getByLabel('Nama lengkap').fill(child);
  await page.getByLabel('Jenis kelamin').selectOption('P');
  await page.getByLabel('Tanggal lahir').fill('2011-05-10');
  await page.getByLabel('Nama ibu').fill('Sri Wahyuni');
  await page.getByLabel('Tanggal tindak pidana').fill(wibDaysAgo(10));
  await page.getByLabel('Tindak pidana', { exact: true }).fill('Pencurian ringan');
  await page.getByLabel('Tahun', { exact: true }).fill('5');
  await page.getByLabel('Tanggal mulai penyidikan').fill(wibDaysAgo(1));
  await expect(page.getByTestId('abh-rules')).toContainText('Diversi wajib diupayakan');
  await shot(page, info, '31-abh-register');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByTestId('child-name')).toHaveText(child);
  await hydrated(page);
  await shot(page, info, '32-abh-case');
  const caseUrl = page.url();

  // A Litmas request: the 3×24 h clock starts.
  await page.getByRole('link', { name: 'Catat permintaan Litmas' }).click();
  await hydrated(page);
  await page.getByText('Penyidik', { exact: true }).click();
  await page.getByLabel('Jenis Litmas').selectOption('diversi');
  await page.getByLabel('Nomor surat').fill('B/77/XI/2026/Reskrim');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByTestId('litmas-status')).toHaveText('Draf');
  await expect(page.getByTestId('litmas-clock')).toContainText('Berjalan');
  await hydrated(page);
  const litmasUrl = page.url();

  // The template's prompts must be replaced before it can be submitted.
  await page.getByRole('button', { name: 'Ajukan ke Kabapas' }).click();
  await expect(page.locator('.error-summary')).toContainText('petunjuk templat');
  for (const [label, text] of SECTIONS) {
    await page.getByLabel(label).fill(text);
  }
  await shot(page, info, '33-litmas-draft');
  await page.getByRole('button', { name: 'Ajukan ke Kabapas' }).click();
  await expect(page.getByTestId('litmas-status')).toHaveText('Menunggu persetujuan');
  await page.goto(caseUrl);
  await expect(page.getByTestId('litmas-list')).toContainText('Menunggu persetujuan');

  // The Kabapas approves it and records its delivery: the clock is met.
  await signOut(page);
  await login(page, 'kabapas.jakbar');
  await page.goto(litmasUrl);
  await hydrated(page);
  await expect(page.getByTestId('litmas-status')).toHaveText('Menunggu persetujuan');
  await shot(page, info, '34-litmas-review');
  await page.getByRole('button', { name: 'Setujui' }).click();
  await expect(page.getByTestId('litmas-status')).toHaveText('Disetujui');
  await hydrated(page);
  await page.getByTestId('litmas-deliver').getByRole('button', { name: 'Catat penyerahan' }).click();
  await expect(page.getByTestId('litmas-status')).toHaveText('Diserahkan');
  await expect(page.getByTestId('litmas-clock')).toContainText('Terpenuhi');
  await shot(page, info, '35-litmas-met');
  await page.goto(`${new URL(litmasUrl).pathname}/cetak`);
  await expect(page.getByTestId('litmas-print')).toContainText('LAPORAN PENELITIAN KEMASYARAKATAN');
  await expect(page.getByTestId('litmas-print')).toContainText(SECTIONS[4][1]);
  await shot(page, info, '36-litmas-print');
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
  expect(pdf.suggestedFilename()).toMatch(/^litmas-.+\.pdf$/);
  expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');

  // Another PK of the office sees initials only, and must give a reason to see more.
  await signOut(page);
  await login(page, 'pk2.jakbar');
  await page.goto(caseUrl);
  await hydrated(page);
  await expect(page.getByTestId('child-name')).toHaveText(/^W\.S\.[PM]\.$/);
  await expect(page.locator('body')).not.toContainText(child);
  await shot(page, info, '37-abh-masked');
  // Their export of the client list carries the initials, never the name.
  await nav(page, 'Klien');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv).toContain('nomor_register,nama');
  expect(csv).not.toContain(child);
  await page.goto(caseUrl);
  await hydrated(page);
  const glass = page.getByTestId('break-glass');
  await glass.getByRole('button', { name: 'Buka identitas' }).click();
  await expect(glass).toContainText('Wajib diisi');
  const reason = `Menggantikan PK yang cuti untuk sidang besok (${info.project.name})`;
  await glass.getByLabel('Alasan').fill(reason);
  await glass.getByRole('button', { name: 'Buka identitas' }).click();
  await expect(page.getByTestId('child-name')).toHaveText(child);
  await expect(page.getByText('Identitas dibuka dengan alasan yang dicatat.')).toBeVisible();
  await shot(page, info, '38-abh-break-glass');

  // The Kabapas finds the access, with its reason, in the office's access log.
  await signOut(page);
  await login(page, 'kabapas.jakbar');
  await nav(page, 'Kantor');
  await page.getByRole('link', { name: 'Log akses berkas anak' }).click();
  await hydrated(page);
  await page.getByLabel('Hanya akses dengan alasan').check();
  await page.getByRole('button', { name: 'Cari' }).click();
  const row = page.getByTestId('access-log').locator('li').filter({ hasText: reason });
  await expect(row).toBeVisible();
  await expect(row).toContainText('pk2.jakbar');
  await shot(page, info, '39-access-log');
  // The access log downloads as searched, the reason with it.
  const [access] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const accessCsv = readFileSync(await access.path(), 'utf8');
  expect(accessCsv.split('\r\n')[0]).toBe('Waktu,Pengguna,Catatan,Alasan');
  expect(accessCsv).toContain(reason);
  // So do the office's children's cases; the Kabapas sees the child's name in them.
  await page.goto('/abh');
  const [cases] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(cases.suggestedFilename()).toBe('perkara-anak.csv');
  expect(readFileSync(await cases.path(), 'utf8')).toContain(child);
  expect(errors).toEqual([]);
});
