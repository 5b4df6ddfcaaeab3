import { expect, Page, test } from '@playwright/test';
import { clickThenReload, hydrated, login, shot, watchErrors } from './helpers';

function wibDays(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

async function signOut(page: Page) {
  await page.context().clearCookies();
}

test('a PK refers a client; the partner accepts and completes it; the PK sees the answer', async ({ page }, info) => {
  const errors = watchErrors(page);
  const reason = `Belum punya BPJS (${info.project.name} ${Date.now() % 100000})`;
  await login(page, 'pk.jakbar');
  // One of the PK's own clients (the list shows the whole office).
  await page.goto('/klien?pk=saya');
  await hydrated(page);
  await page.getByTestId('client-list').locator('a.client-line__name[href^="/klien/"]').first().click();
  await hydrated(page);
  const client = (await page.getByTestId('client-name').innerText()).trim();
  const section = page.getByTestId('client-referrals');
  await section.getByText('Rujuk ke mitra').click();
  const form = page.getByTestId('referral-form');
  await form.getByLabel('Mitra').selectOption({ label: 'Dinas Sosial Kota Administrasi Jakarta Barat' });
  await form.getByLabel('Layanan').selectOption({ label: 'Jaminan kesehatan (BPJS)' });
  await form.getByLabel('Alasan').fill(reason);
  await form.getByLabel('Batas tanggapan').fill(wibDays(7));
  await form.getByRole('button', { name: 'Kirim rujukan' }).click();
  await expect(form).toContainText('Persetujuan klien wajib dicatat.');
  await form.getByLabel(/Klien menyetujui/).check();
  await shot(page, info, '60-referral-form');
  await form.getByRole('button', { name: 'Kirim rujukan' }).click();
  await hydrated(page);
  await expect(page.getByTestId('client-referrals').getByTestId('referral').filter({ hasText: reason })).toContainText('Terkirim');

  // The partner's own user answers it.
  await signOut(page);
  await login(page, 'mitra.jakbar');
  const card = page.getByTestId('referral-inbox').getByTestId('referral').filter({ hasText: reason });
  await expect(card).toContainText(client);
  await shot(page, info, '61-partner-inbox');
  await clickThenReload(page, card.getByRole('button', { name: 'Terima' }));
  const accepted = page.getByTestId('referral-inbox').getByTestId('referral').filter({ hasText: reason });
  await expect(accepted).toContainText('Diterima');
  await accepted.getByLabel('Hasil layanan').fill('Kartu BPJS PBI terbit, klien terdaftar di puskesmas');
  await clickThenReload(page, accepted.getByRole('button', { name: 'Laporkan selesai' }));
  await expect(page.getByTestId('referral-inbox').getByTestId('referral').filter({ hasText: reason })).toContainText('Selesai');
  await shot(page, info, '62-partner-completed');

  // Back on the PK's Today.
  await signOut(page);
  await login(page, 'pk.jakbar');
  const update = page.getByTestId('referral-updates').getByTestId('referral').filter({ hasText: reason });
  await expect(update).toContainText('Selesai');
  await expect(update).toContainText('Kartu BPJS PBI terbit');
  await shot(page, info, '63-pk-today');
  expect(errors).toEqual([]);
});
