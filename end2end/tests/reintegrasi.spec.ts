import { expect, test } from '@playwright/test';
import { hydrated, login, shot, watchErrors } from './helpers';

function wibDays(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test('a PK marks "KTP needed" and a referral to Dukcapil takes it up', async ({ page }, info) => {
  const errors = watchErrors(page);
  await login(page, 'pk.jakbar');
  // A client of the PK's own, a different one per project so parallel runs do not meet.
  await page.goto('/klien?pk=saya');
  await hydrated(page);
  const nth = info.project.name === 'phone' ? 1 : 2;
  await page.getByTestId('client-list').locator('a.client-line__name[href^="/klien/"]').nth(nth).click();
  await hydrated(page);
  const needs = page.getByTestId('client-needs');
  const ktp = needs.locator('[data-item="ktp"]');
  await expect(needs.getByRole('heading', { name: /Kebutuhan reintegrasi/ })).toBeVisible();

  // From "met" to "needed", so the mark is a change whatever the demo held.
  await needs.getByTestId('needs-open').click();
  const form = page.getByTestId('needs-form');
  await form.getByLabel('KTP / NIK (Dukcapil)').selectOption({ label: 'Terpenuhi' });
  await form.getByRole('button', { name: 'Simpan kebutuhan' }).click();
  await hydrated(page);
  await expect(ktp.getByTestId('need-state')).toHaveText('Terpenuhi');
  await needs.getByTestId('needs-open').click();
  await form.getByLabel('KTP / NIK (Dukcapil)').selectOption({ label: 'Dibutuhkan' });
  await form.getByLabel(/Catatan/).fill('KTP hilang saat penahanan');
  await form.getByRole('button', { name: 'Simpan kebutuhan' }).click();
  await hydrated(page);
  await expect(page.getByRole('status').filter({ hasText: /tersimpan/i })).toBeVisible();
  await expect(ktp.getByTestId('need-state')).toHaveText('Dibutuhkan');
  await expect(ktp).toContainText('KTP hilang saat penahanan');
  await shot(page, info, '90-needs-marked');

  // A referral for population documents moves the item on by itself.
  await page.getByTestId('client-referrals').getByText('Rujuk ke mitra').click();
  const refer = page.getByTestId('referral-form');
  await refer.getByLabel('Mitra').selectOption({ label: 'Suku Dinas Dukcapil Jakarta Barat' });
  await refer.getByLabel('Layanan').selectOption({ label: 'Dokumen kependudukan (KTP, KK)' });
  await refer.getByLabel('Alasan').fill('Perekaman KTP-el');
  await refer.getByLabel('Batas tanggapan').fill(wibDays(7));
  await refer.getByLabel(/Klien menyetujui/).check();
  await refer.getByRole('button', { name: 'Kirim rujukan' }).click();
  await hydrated(page);
  await expect(ktp.getByTestId('need-state')).toHaveText('Sedang diproses');
  await expect(ktp).toContainText('Suku Dinas Dukcapil Jakarta Barat');
  await needs.scrollIntoViewIfNeeded();
  await shot(page, info, '91-needs-in-progress');
  expect(errors).toEqual([]);
});

test('the Kabapas sees the needs map move when a PK marks a need; the Kanwil reads it too', async ({ page }, info) => {
  const errors = watchErrors(page);
  const openKtp = async () => {
    await page.goto('/kebutuhan');
    await hydrated(page);
    return Number(await page.getByTestId('map-items').locator('[data-item="ktp"]').getByTestId('map-open').innerText());
  };
  const markKtp = async (label: string) => {
    await page.goto('/klien?pk=saya');
    await hydrated(page);
    await page.getByTestId('client-list').locator('a.client-line__name[href^="/klien/"]').nth(info.project.name === 'phone' ? 3 : 4).click();
    await hydrated(page);
    await page.getByTestId('needs-open').click();
    await page.getByTestId('needs-form').getByLabel('KTP / NIK (Dukcapil)').selectOption({ label });
    await page.getByTestId('needs-form').getByRole('button', { name: 'Simpan kebutuhan' }).click();
    await hydrated(page);
    await expect(page.getByTestId('client-needs').locator('[data-item="ktp"]').getByTestId('need-state')).toHaveText(label);
  };

  await login(page, 'pk.jakbar');
  await markKtp('Terpenuhi');
  await page.context().clearCookies();
  await login(page, 'kabapas.jakbar');
  await page.goto('/kantor');
  await hydrated(page);
  await page.getByTestId('office-needs-map').click();
  await hydrated(page);
  await expect(page.getByTestId('map-summary')).toContainText('Bapas Kelas I Jakarta Barat');
  const before = await openKtp();
  await shot(page, info, '92-needs-map');

  await page.context().clearCookies();
  await login(page, 'pk.jakbar');
  await markKtp('Dibutuhkan');
  await page.context().clearCookies();
  await login(page, 'kabapas.jakbar');
  expect(await openKtp()).toBe(before + 1);

  // The Kanwil reaches the map of its region's offices from home.
  await page.context().clearCookies();
  await login(page, 'kanwil.dki');
  await page.getByTestId('home-needs-map').click();
  await hydrated(page);
  await expect(page.getByTestId('map-summary')).toContainText('Bapas Kelas I Jakarta Barat');
  await expect(page.getByTestId('map-areas').getByTestId('map-group').first()).toBeVisible();
  await shot(page, info, '93-needs-map-kanwil');
  expect(errors).toEqual([]);
});
