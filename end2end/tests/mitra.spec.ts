import { expect, test } from '@playwright/test';
import { hydrated, login, nav, shot, watchErrors } from './helpers';

/** A date N days after today at a WIB office, as YYYY-MM-DD. */
function wibDaysFromNow(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test('the admin adds a partner and a PKS ending in 20 days, and is reminded of it', async ({ page }, info) => {
  const errors = watchErrors(page);
  const name = `Dinas Sosial Uji ${info.project.name} ${Date.now() % 100000}`;
  const number = `PKS/${info.project.name}/${Date.now() % 100000}`;
  await login(page, 'admin');
  await nav(page, 'Mitra');
  await page.getByRole('link', { name: 'Tambah mitra' }).click();
  await hydrated(page);

  // Saving too early says what is missing, in Bahasa Indonesia.
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.locator('.error-summary')).toContainText('Nama lembaga');
  await page.getByLabel('Bapas').selectOption({ label: 'Bapas Kelas I Jakarta Barat' });
  await page.getByLabel('Nama lembaga').fill(name);
  await page.getByLabel('Jenis lembaga').selectOption('dinsos');
  await page.getByLabel('Wilayah (kecamatan/kabupaten)').fill('Kecamatan Tamansari');
  await page.getByText('Jaminan kesehatan (BPJS)').click();
  await page.getByText('Dukungan psikososial').click();
  await page.getByLabel('Nama', { exact: true }).fill('Rudi Hartono');
  await page.getByLabel('Jabatan').fill('Kabid Rehabilitasi Sosial');
  await shot(page, info, '40-partner-form');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByTestId('partner-name')).toHaveText(name);
  await hydrated(page);
  await expect(page.locator('body')).toContainText('Rudi Hartono');
  await shot(page, info, '41-partner');

  // A PKS that ends in 20 days.
  await page.getByRole('link', { name: 'Tambah PKS' }).click();
  await hydrated(page);
  await page.getByLabel('Nomor PKS').fill(number);
  await page.getByLabel('Judul').fill('Layanan jaminan kesehatan bagi klien pemasyarakatan');
  await page.getByTestId('pks-form').getByText('Jaminan kesehatan (BPJS)').click();
  await page.getByLabel('Tanggal ditandatangani').fill(wibDaysFromNow(-340));
  await page.getByLabel('Mulai berlaku').fill(wibDaysFromNow(-345));
  await page.getByLabel('Berakhir').fill(wibDaysFromNow(20));
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByTestId('pks-number')).toHaveText(number);
  await expect(page.getByTestId('pks-status')).toHaveText('Segera berakhir');
  await shot(page, info, '42-pks');

  // The reminder on the admin's home page.
  await nav(page, 'Beranda');
  const reminder = page.getByTestId('pks-reminders').locator('li').filter({ hasText: number });
  await expect(reminder).toContainText('Berakhir dalam 20 hari');
  await expect(reminder).toHaveClass(/clock--urgent/);
  await shot(page, info, '43-home-reminder');
  expect(errors).toEqual([]);
});

test('the admin registers a Pokmas Lipas with its domain and an organisation as member', async ({ page }, info) => {
  const errors = watchErrors(page);
  const name = `Pokmas Lipas Uji ${info.project.name} ${Date.now() % 100000}`;
  await login(page, 'admin');
  await page.goto('/mitra/baru');
  await hydrated(page);
  await page.getByLabel('Bapas').selectOption({ label: 'Bapas Kelas I Jakarta Barat' });
  await page.getByLabel('Nama lembaga').fill(name);
  await page.getByLabel('Jenis lembaga').selectOption('pokmas');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.locator('.error-summary')).toContainText('Bidang Pokmas');
  await page.getByLabel('Bidang Pokmas').selectOption('kemandirian_kepribadian');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByTestId('partner-name')).toHaveText(name);
  await hydrated(page);
  const pokmas = page.getByTestId('pokmas');
  await expect(pokmas).toContainText('Kemandirian dan kepribadian');
  await pokmas.getByText('Tambah anggota Pokmas').click();
  await pokmas.getByLabel('Nama', { exact: true }).fill('Bengkel Las Maju Jaya');
  await pokmas.getByLabel('Jenis anggota').selectOption('organisasi');
  await pokmas.getByLabel(/Peran atau keterangan/).fill('Pelatihan las bagi klien');
  await pokmas.getByRole('button', { name: 'Simpan' }).click();
  await hydrated(page);
  await expect(page.getByTestId('pokmas')).toContainText('Bengkel Las Maju Jaya');
  await expect(page.getByTestId('pokmas')).toContainText('Organisasi / usaha');
  await shot(page, info, '44-pokmas');
  expect(errors).toEqual([]);
});
