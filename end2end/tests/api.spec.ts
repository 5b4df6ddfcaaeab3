import { expect, test } from '@playwright/test';
import { checkAccessibility, hydrated, login, shot, watchErrors } from './helpers';

test('the admin issues an API token, it calls the API as its user, and revoked it is refused', async ({ page, request }, info) => {
  const errors = watchErrors(page);
  await login(page, 'admin');
  await page.goto('/admin/pengguna?q=pk2.jakbar');
  await hydrated(page);
  await page.locator('main table a').first().click();
  await hydrated(page);
  const tokens = page.getByTestId('api-tokens');
  await tokens.getByLabel(/Keperluan token/).fill(`SDP uji ${info.project.name}`);
  await tokens.getByRole('button', { name: 'Buat token' }).click();
  const fresh = page.getByTestId('token-fresh');
  await expect(fresh).toBeVisible();
  const secret = (await fresh.locator('code').innerText()).trim();
  expect(secret).toMatch(/^pmg_[0-9a-f]{64}$/);
  await hydrated(page);
  await shot(page, info, '160-api-token');

  // The token acts as its user: a PK of Jakarta Barat sees their office's clients.
  const answer = await request.get('/api/v1/clients?per_page=5', { headers: { Authorization: `Bearer ${secret}` } });
  expect(answer.status()).toBe(200);
  const page1 = await answer.json();
  expect(page1.items.length).toBeGreaterThan(0);
  expect(page1.items[0].register_number).toMatch(/^JAKBAR-/);

  // Shown once: a reload shows the token in the list, not its secret.
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId('token-fresh')).toHaveCount(0);
  const listed = page.getByTestId('token').filter({ hasText: `SDP uji ${info.project.name}` });
  await expect(listed).toContainText('terakhir dipakai');
  await listed.getByRole('button', { name: 'Cabut token' }).click();
  await expect(page.getByTestId('token').filter({ hasText: `SDP uji ${info.project.name}` })).toContainText('Dicabut');
  const refused = await request.get('/api/v1/clients', { headers: { Authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);

  // The reference, served locally.
  await page.goto('/api/v1/docs');
  await expect(page.getByRole('heading', { name: 'Pamong API' })).toBeVisible();
  await expect(page.locator('code', { hasText: 'GET /api/v1/clients' }).first()).toBeVisible();
  await checkAccessibility(page);
  await shot(page, info, '161-api-docs');
  expect(errors).toEqual([]);
});
