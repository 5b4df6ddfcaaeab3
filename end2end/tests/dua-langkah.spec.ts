import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, hydrated, login, shot, submitLogin, totp, typeCode, watchErrors } from './helpers';

test('a Kabapas is asked for the code after the password, and a wrong one is refused', async ({ page }, info) => {
  const errors = watchErrors(page);
  await page.goto('/masuk');
  await hydrated(page);
  await page.getByLabel('Nama pengguna').fill('kabapas.jakbar');
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => url.pathname === '/masuk/kode');
  await hydrated(page);
  await shot(page, info, '180-second-factor-code');

  // The password alone opens nothing: Today sends the browser back to sign in.
  await page.goto('/');
  expect(new URL(page.url()).pathname).toBe('/masuk');
  await page.goBack();
  await page.waitForURL((url) => url.pathname === '/masuk/kode');

  await page.getByLabel('Kode', { exact: true }).fill('000000');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByText('Kode salah').first()).toBeVisible();
  await shot(page, info, '181-second-factor-wrong');
  await typeCode(page);
  await hydrated(page);
  await expect(page.getByText('Bambang Sutrisno').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('an officer turns it on, keeps the recovery codes, signs in with one, and turns it off', async ({ page }, info) => {
  test.skip(info.project.name !== 'phone', 'once is enough: it changes the officer');
  const errors = watchErrors(page);
  await login(page, 'pk4.jakbar');
  await page.goto('/akun');
  await hydrated(page);
  const card = page.getByTestId('second-factor-card');
  await expect(card.getByTestId('second-factor-state')).toHaveText('Tidak aktif');
  await card.getByRole('link', { name: 'Aktifkan' }).click();
  await page.waitForURL((url) => url.pathname === '/akun/dua-langkah');
  await hydrated(page);
  const qr = page.getByRole('img', { name: 'Kode QR kunci autentikator' });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await shot(page, info, '182-second-factor-enrol');

  const key = (await page.getByTestId('enrol-key').innerText()).replace(/\s/g, '');
  await page.getByLabel('Kode', { exact: true }).fill(totp(key));
  await page.getByRole('button', { name: 'Aktifkan' }).click();
  await page.waitForURL((url) => url.pathname === '/akun/kode-pemulihan');
  await hydrated(page);
  const codes = page.getByTestId('recovery-codes').locator('code');
  await expect(codes).toHaveCount(10);
  const recovery = await codes.first().innerText();
  await expect(page.getByRole('link', { name: 'Unduh sebagai berkas teks' })).toHaveAttribute('download', 'pamong-kode-pemulihan.txt');
  await shot(page, info, '183-recovery-codes');

  // Signed out, the officer is now asked for a code: the phone is "lost", a recovery code does.
  await page.context().clearCookies();
  await page.goto('/masuk');
  await hydrated(page);
  await page.getByLabel('Nama pengguna').fill('pk4.jakbar');
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => url.pathname === '/masuk/kode');
  await page.getByLabel('Kode', { exact: true }).fill(recovery);
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.waitForURL((url) => url.pathname === '/');

  await page.goto('/akun');
  await hydrated(page);
  await expect(card.getByTestId('second-factor-state')).toContainText('9 kode pemulihan tersisa');
  await shot(page, info, '184-account-second-factor');
  await card.getByRole('button', { name: 'Matikan' }).click();
  await page.waitForURL((url) => url.pathname === '/akun');
  await expect(page.getByTestId('second-factor-card').getByTestId('second-factor-state')).toHaveText('Tidak aktif');
  expect(errors).toEqual([]);
});

test('without JavaScript the code step posts too', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/masuk');
  await submitLogin(page, 'kanwil.dki');
  expect(page.url()).not.toContain('kode=');
  await context.close();
});
