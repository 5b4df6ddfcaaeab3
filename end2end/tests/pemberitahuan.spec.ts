import { expect, test } from '@playwright/test';
import { clickThenReload, hydrated, login, shot, watchErrors } from './helpers';

// The bell: the officer sees how many notifications are unread, reads them (a partner's
// answer from the demo seed, the missed reports the server's worker wrote at start), opens
// the client one is about, and marks them read.
test('the officer reads their notifications and marks them read', async ({ page }, info) => {
  const errors = watchErrors(page);
  await login(page, 'pk.jakbar');
  const bell = page.getByTestId('bell');
  await expect(bell).toBeVisible();
  await bell.click();
  await page.waitForURL('**/pemberitahuan');
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Pemberitahuan', level: 1 })).toBeVisible();
  const items = page.getByTestId('notification');
  await expect(items.first()).toBeVisible();
  await shot(page, info, '170-pemberitahuan');

  // Each one names the client by register number and leads to their page.
  const first = items.first();
  await expect(first).toContainText(/JAKBAR-/);

  // The phone's run finds them unread and marks them all; the desktop's finds them read.
  const readAll = page.getByRole('button', { name: 'Tandai semua sudah dibaca' });
  if (await readAll.isVisible()) {
    await expect(bell.locator('.bell__count')).toBeVisible();
    await clickThenReload(page, readAll);
  }
  await expect(page.getByRole('button', { name: 'Tandai semua sudah dibaca' })).toHaveCount(0);
  await expect(page.getByTestId('bell').locator('.bell__count')).toHaveCount(0);
  await expect(page.getByTestId('bell')).toHaveAttribute('aria-label', /0 belum dibaca/);
  await shot(page, info, '171-pemberitahuan-dibaca');

  await items.first().getByRole('link', { name: 'Buka' }).click();
  await page.waitForURL(/\/klien\//);
  await hydrated(page);
  expect(errors).toEqual([]);
});

// WhatsApp reminders: the officer records on a client's page that the client agreed, sees
// it stand, and records the withdrawal (which leaves the page as the other viewport finds it).
test('the officer records a client agreeing to WhatsApp reminders, and withdrawing', async ({ page }, info) => {
  const errors = watchErrors(page);
  await login(page, 'pk.jakbar');
  await page.goto('/klien?pk=saya&dasar=pb');
  await hydrated(page);
  await page.locator('a.client-line__name').first().click();
  await hydrated(page);
  const card = page.getByTestId('whatsapp-reminders');
  await expect(card).toContainText('Tanyakan apakah klien mau diingatkan');
  await clickThenReload(page, card.getByRole('button', { name: 'Klien setuju diingatkan lewat WhatsApp' }));
  await expect(page.getByTestId('whatsapp-reminders')).toContainText('Klien menerima pengingat wajib lapor');
  await shot(page, info, '172-pengingat-whatsapp');
  await clickThenReload(page, page.getByTestId('whatsapp-reminders').getByRole('button', { name: /Hentikan pengingat/ }));
  await expect(page.getByTestId('whatsapp-reminders')).toContainText('Tanyakan apakah klien mau diingatkan');
  expect(errors).toEqual([]);
});
