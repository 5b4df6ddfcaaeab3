import { expect, test } from '@playwright/test';
import { hydrated, login, shot, watchErrors } from './helpers';

test('a PK records a Klien Bapas Peduli activity; the Kanwil sees the participation and who has not reported', async ({ page }, info) => {
  const errors = watchErrors(page);
  const place = `Taman Cattleya ${info.project.name}`;

  // The PK records a clean-up with two of their clients.
  await login(page, 'pk.jakbar');
  await page.goto('/program');
  await hydrated(page);
  await page.getByTestId('programmes-peduli').click();
  await hydrated(page);
  await page.getByTestId('peduli-record-open').click();
  const form = page.getByTestId('peduli-form');
  await form.getByLabel('Tempat').fill(place);
  await form.getByLabel('Uraian kegiatan').fill('Membersihkan taman dan saluran air bersama warga');
  const mine = form.locator('fieldset', { hasText: 'Klien yang ikut' }).getByRole('checkbox');
  await mine.nth(0).check();
  await mine.nth(1).check();
  await shot(page, info, '99-peduli-form');
  await form.getByTestId('peduli-save').click();
  await hydrated(page);
  await expect(page.getByRole('status').filter({ hasText: /tersimpan/i })).toBeVisible();
  const activity = page.getByTestId('peduli-activity').filter({ hasText: place });
  await expect(activity.getByTestId('peduli-participants')).toContainText('2 klien ikut:');

  // The Kanwil reads every office of its region: counts, never names.
  await page.context().clearCookies();
  await login(page, 'kanwil.dki');
  await page.getByTestId('home-peduli').click();
  await hydrated(page);
  const overview = page.getByTestId('peduli-overview');
  const jakbar = overview.getByTestId('peduli-row').filter({ hasText: 'Bapas Kelas I Jakarta Barat' });
  await expect(jakbar).toHaveCount(1);
  await expect(overview.getByTestId('peduli-row').filter({ hasText: 'Jember' })).toHaveCount(0);
  await expect(jakbar.getByTestId('peduli-quiet')).toHaveCount(0);
  await shot(page, info, '100-peduli-kanwil');
  await overview.getByRole('link', { name: 'Bapas Kelas I Jakarta Barat' }).click();
  await hydrated(page);
  const seen = page.getByTestId('peduli-activity').filter({ hasText: place });
  await expect(seen.getByTestId('peduli-participants')).toHaveText('2 klien ikut');
  await expect(page.getByTestId('peduli-record-open')).toHaveCount(0);

  // The national admin sees every office, Jember not reported yet this month.
  await page.context().clearCookies();
  await login(page, 'admin');
  await page.getByTestId('home-peduli').click();
  await hydrated(page);
  // (Other tests may add offices meanwhile: the demo's three are among the rows.)
  const rows = page.getByTestId('peduli-overview').getByTestId('peduli-row');
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('peduli-silent')).toContainText('Bapas belum melaporkan');
  await expect(rows.filter({ hasText: 'Jember' }).getByTestId('peduli-quiet')).toBeVisible();
  await expect(rows.filter({ hasText: 'Jambi' }).getByTestId('peduli-quiet')).toHaveCount(0);
  expect(errors).toEqual([]);
});
