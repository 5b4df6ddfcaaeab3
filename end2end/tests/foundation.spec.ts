import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, hydrated, login, nav, shot, watchErrors } from './helpers';

// Names unique per viewport project: both projects run against one database.
const suffix = (name: string) => (name === 'phone' ? 'HP' : 'PC');

test('admin creates a Bapas and a PK; the PK logs in and switches language', async ({ page }, info) => {
  const errors = watchErrors(page);
  const s = suffix(info.project.name);
  const code = `E2E-${s}`;
  const bapasName = `Bapas Uji ${s}`;
  const username = `pk.uji.${s.toLowerCase()}`;
  const password = 'sandi-uji-panjang';

  await login(page, 'admin');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Selamat datang');
  await shot(page, info, '01-admin-home');

  // A Bapas: first an empty save shows every problem and keeps what was typed.
  await nav(page, 'Bapas');
  await page.getByRole('link', { name: 'Tambah Bapas' }).click();
  await hydrated(page);
  await page.getByLabel('Nama Bapas').fill(bapasName);
  await page.getByRole('button', { name: 'Simpan' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Ada yang perlu diperbaiki' });
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('Kode Bapas: Wajib diisi.');
  await expect(page.getByLabel('Nama Bapas')).toHaveValue(bapasName);
  await shot(page, info, '02-bapas-errors');

  await page.getByLabel('Kanwil').selectOption({ label: 'Kanwil Ditjenpas Jawa Timur' });
  await page.getByLabel('Kode Bapas').fill(code);
  await page.getByLabel('Kelas').selectOption('II');
  await page.getByLabel('Zona waktu').selectOption('WIB');
  await page.getByLabel('Wilayah kerja (kabupaten/kota)').fill('35.10 Kabupaten Banyuwangi');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('status')).toContainText('Perubahan tersimpan.');
  await expect(page.getByRole('link', { name: bapasName })).toBeVisible();
  await shot(page, info, '03-bapas-list');
  // The list downloads as it stands, the new office in it.
  const [offices] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(offices.suggestedFilename()).toBe('bapas.csv');
  const officesCsv = readFileSync(await offices.path(), 'utf8');
  expect(officesCsv.split('\r\n')[0]).toBe('Kode Bapas,Nama Bapas,Kelas,Kanwil,Zona waktu,Alamat,Telepon kantor,Wilayah kerja (kabupaten/kota),Status');
  expect(officesCsv).toContain(`${code},${bapasName},`);

  // A PK user in that Bapas.
  await nav(page, 'Pengguna');
  await page.getByRole('link', { name: 'Tambah pengguna' }).click();
  await hydrated(page);
  await page.getByLabel('Nama lengkap').fill(`Putri Uji ${s}`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Peran').selectOption('pk');
  await page.getByLabel('Kantor').selectOption({ label: bapasName });
  await page.getByLabel('Kata sandi awal').fill(password);
  await shot(page, info, '04-user-form');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('status')).toContainText('Perubahan tersimpan.');
  await page.getByRole('searchbox').fill(`Putri Uji ${s}`);
  await page.getByRole('button', { name: 'Cari' }).click();
  await expect(page.getByRole('link', { name: `Putri Uji ${s}` })).toHaveCount(1);
  await shot(page, info, '05-user-list');

  // Log out (on phones from the account page, on desktops from the top bar).
  if (info.project.name === 'phone') {
    await nav(page, 'Akun');
  }
  await page.getByRole('button', { name: 'Keluar' }).first().click();
  await page.waitForURL('**/masuk');

  await login(page, username, password);
  // A new officer's Today list is empty, and says so.
  await expect(page.getByTestId('today')).toContainText('Tidak ada yang jatuh tempo hari ini');
  await expect(page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pengguna' })).toHaveCount(0);
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Today' })).toBeVisible();
  await shot(page, info, '06-pk-home-english');

  // The choice is remembered across a reload.
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Selamat datang');

  expect(errors).toEqual([]);
});

test('wrong password is refused with a message and the field is cleared', async ({ page }, info) => {
  const errors = watchErrors(page);
  await page.goto('/masuk');
  await hydrated(page);
  await page.getByLabel('Nama pengguna').fill('kabapas.jakbar');
  await page.getByLabel('Kata sandi').fill('bukan-sandinya');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('alert')).toContainText('Nama pengguna atau kata sandi salah.');
  await expect(page.getByLabel('Kata sandi')).toHaveValue('');
  await expect(page.getByLabel('Nama pengguna')).toHaveValue('kabapas.jakbar');
  await shot(page, info, '07-login-refused');
  expect(errors).toEqual([]);
});

test('pages need a login, and unknown pages answer 404 with a request code', async ({ page }) => {
  const response = await page.goto('/admin/pengguna');
  expect(new URL(page.url()).pathname).toBe('/masuk');
  expect(response?.status()).toBe(200);
  await login(page, 'pk.jakbar', DEMO_PASSWORD);
  const missing = await page.goto('/tidak-ada');
  expect(missing?.status()).toBe(404);
  await expect(page.getByTestId('error-page')).toContainText('Kode permintaan');
  const hidden = await page.goto('/admin/pengguna/0190f5a0-0000-7000-8000-000000000000');
  expect(hidden?.status()).toBe(404);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the login form posts, signs in and never puts the password in the address', async ({ page }, info) => {
    await page.goto('/masuk');
    await page.getByLabel('Nama pengguna').fill('pk.jakbar');
    await page.getByLabel('Kata sandi').fill('salah-sekali-ini');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL((url) => url.pathname === '/masuk' && url.searchParams.get('gagal') === 'kredensial');
    await expect(page.getByRole('alert')).toBeVisible();
    expect(page.url()).not.toContain('salah-sekali-ini');
    await shot(page, info, 'login-no-js-refused');

    await page.getByLabel('Nama pengguna').fill('pk.jakbar');
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(page.url()).not.toContain(DEMO_PASSWORD);
    await expect(page.getByText('Siti Rahmawati').first()).toBeVisible();
    await shot(page, info, 'home-no-js');
  });
});
