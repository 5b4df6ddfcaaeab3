import { expect, Page, test } from '@playwright/test';
import { hydrated, login, nav, shot, watchErrors } from './helpers';

/** Issue 11: a child's identity around the child's own pages, at phone size. */

async function signOut(page: Page) {
  await page.context().clearCookies();
}

const NOTE = 'Bertemu ibu Sri Wahyuni di rumah';

test('a colleague sees a child masked after a transfer request and a home visit; the Kabapas reads both logs', async ({ page, context }, info) => {
  test.skip(info.project.name !== 'phone', 'the colleague on a phone is the case this test is about');
  const errors = watchErrors(page);
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: -6.1754, longitude: 106.8271 });

  // The assigned PK opens the child's record and records a home visit with the phone's position.
  await login(page, 'pk.jakbar');
  await nav(page, 'Anak');
  await page.getByRole('link', { name: 'Rizky Pratama' }).first().click();
  await hydrated(page);
  const id = new URL(page.url()).pathname.split('/').pop() ?? '';
  await page.goto(`/klien/${id}`);
  await hydrated(page);
  await expect(page.getByTestId('client-name')).toHaveText('Rizky Pratama');
  await page.getByTestId('record-report').click();
  await hydrated(page);
  await page.getByText('Kunjungan rumah').click();
  await page.getByText('Hadir / ada').click();
  await page.getByRole('button', { name: 'Ambil lokasi HP' }).click();
  await expect(page.locator('.geo__state')).toContainText(/-6\.17/);
  await page.getByLabel('Catatan').fill(NOTE);
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByTestId('timeline').locator('li').first()).toContainText(NOTE);

  // …and asks Bapas Jember to take the child over.
  await page.goto(`/klien/${id}/status`);
  await hydrated(page);
  const transfer = page.locator('form').filter({ has: page.getByLabel('Bapas tujuan') });
  await transfer.getByLabel('Bapas tujuan').selectOption({ label: 'Bapas Kelas II Jember' });
  await transfer.locator('textarea').fill('Ikut ibu Sri Wahyuni pindah ke Jember');
  await transfer.getByRole('button', { name: 'Ajukan pemindahan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Jember' })).toBeVisible();

  // A colleague of the office: initials and the case number, no note, no position.
  await signOut(page);
  await login(page, 'pk2.jakbar');
  await page.goto(`/klien/${id}`);
  await hydrated(page);
  await expect(page.getByTestId('client-name')).toHaveText('R.P.');
  await expect(page.getByTestId('masked')).toBeVisible();
  const visit = page.getByTestId('timeline').locator('li').filter({ hasText: 'Kunjungan rumah' }).first();
  await expect(visit).toBeVisible();
  const body = await page.content();
  for (const secret of ['Rizky Pratama', 'Sri Wahyuni', 'Jl. Kenanga', '-6.17', '106.82']) {
    expect(body, secret).not.toContain(secret);
  }
  await shot(page, info, '40-colleague-masked');

  // The colleague breaks the glass, with a reason.
  await page.getByRole('link', { name: 'Buka halaman perkara anak' }).click();
  await hydrated(page);
  const glass = page.getByTestId('break-glass');
  await glass.getByLabel('Alasan').fill('Menggantikan PK yang cuti untuk sidang besok');
  await glass.getByRole('button', { name: 'Buka identitas' }).click();
  await expect(page.getByTestId('child-name')).toHaveText('Rizky Pratama');
  await shot(page, info, '41-colleague-break-glass');

  // The Kabapas: the break-glass view in the access log, a data-subject export in the export log.
  await signOut(page);
  await login(page, 'kabapas.jakbar');
  await page.goto(`/klien/${id}`);
  await hydrated(page);
  await page.getByTestId('subject-link').click();
  await hydrated(page);
  await expect(page.locator('details[data-table="clients"]')).toContainText('Rizky Pratama');
  const reports = page.locator('details[data-table="client_reports"]');
  await reports.locator('summary').click();
  await expect(reports.getByText(NOTE)).toBeVisible();
  await shot(page, info, '42-data-subject');
  await nav(page, 'Kantor');
  await page.getByRole('link', { name: 'Log akses berkas anak' }).first().click();
  await hydrated(page);
  const glassRow = page.getByTestId('access-log').locator('li').filter({ hasText: 'pk2.jakbar' }).first();
  await expect(glassRow).toContainText('Menggantikan PK yang cuti');
  await shot(page, info, '43-access-log');
  await page.getByRole('link', { name: 'Log ekspor data' }).click();
  await hydrated(page);
  await expect(page.getByTestId('export-log').locator('li').first()).toContainText('Data lengkap satu klien');
  await shot(page, info, '44-export-log');

  expect(errors).toEqual([]);
});
