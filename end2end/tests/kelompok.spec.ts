import { expect, test } from '@playwright/test';
import { hydrated, login, nav, shot, watchErrors } from './helpers';

/** A date N days from today at a WIB office, as YYYY-MM-DD. */
function wibDays(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test('a coordinator records a meeting with attendance and a follow-up, then marks it done', async ({ page }, info) => {
  const errors = watchErrors(page);
  const followUp = `Kunjungan bersama ke rumah klien (${info.project.name} ${Date.now() % 100000})`;
  await login(page, 'koordinator.jakbar');
  // The demo group's overdue follow-up waits on the home page.
  await expect(page.getByTestId('open-actions')).toContainText('Daftar klien tanpa KTP ke Dukcapil');
  await expect(page.getByTestId('open-actions').locator('.clock--urgent').first()).toContainText('Terlambat');
  await shot(page, info, '50-coordinator-home');

  await nav(page, 'Kelompok');
  await page.getByRole('link', { name: 'Kelayan Binter Kecamatan Tamansari' }).click();
  await hydrated(page);
  await page.getByRole('link', { name: 'Catat rapat' }).click();
  await hydrated(page);
  await page.getByLabel('Agenda').fill('Evaluasi kunjungan bersama');
  const form = page.getByTestId('meeting-form');
  await form.locator('label.choice', { hasText: 'Drs. Hendra Wijaya' }).click();
  await form.locator('label.choice', { hasText: 'Iptu Ahmad Fauzi' }).click();
  await page.getByLabel('Keputusan').fill('Kunjungan bersama setiap bulan');
  // The first of the three follow-up rows; the empty ones are not saved.
  await page.getByLabel('Uraian tindak lanjut').first().fill(followUp);
  await page.getByLabel('Penanggung jawab').first().selectOption({ label: 'Iptu Ahmad Fauzi' });
  await page.getByLabel('Batas waktu').first().fill(wibDays(7));
  await shot(page, info, '51-meeting-form');
  await page.getByRole('button', { name: 'Simpan' }).click();

  await expect(page.getByTestId('group-name')).toHaveText('Kelayan Binter Kecamatan Tamansari');
  await expect(page.getByTestId('meetings').locator('li').first()).toContainText('Evaluasi kunjungan bersama');
  await expect(page.getByTestId('meetings').locator('li').first()).toContainText('Hadir 2 dari 4');
  await hydrated(page);
  const item = page.getByTestId('actions').locator('li').filter({ hasText: followUp });
  await expect(item).toContainText('Batas');
  await shot(page, info, '52-group');
  await item.getByRole('button', { name: 'Tandai selesai' }).click();
  await expect(page.getByTestId('actions').locator('li').filter({ hasText: followUp })).toContainText('Selesai');
  await shot(page, info, '53-action-done');
  expect(errors).toEqual([]);
});
