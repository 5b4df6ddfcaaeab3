import { expect, test } from '@playwright/test';
import { hydrated, login, nav, shot, watchErrors } from './helpers';

test('the Kabapas sees each PK\'s caseload and reassigns a client', async ({ page }, info) => {
  const errors = watchErrors(page);
  await login(page, 'kabapas.jakbar');
  await expect(page.getByTestId('today')).toBeVisible();

  await nav(page, 'Kantor');
  const loads = page.getByTestId('officer-loads');
  await expect(loads).toContainText('Siti Rahmawati');
  await expect(loads).toContainText('Hendra Gunawan');
  await expect(page.getByTestId('frequencies')).toContainText('Frekuensi wajib lapor');
  await shot(page, info, '20-office');

  // One of Siti's clients goes to Hendra.
  await loads.getByRole('link', { name: 'Siti Rahmawati' }).click();
  await hydrated(page);
  const first = page.getByTestId('client-list').locator('.client-line__name').first();
  const name = (await first.innerText()).trim();
  await first.click();
  await hydrated(page);
  await expect(page.getByTestId('client-name')).toHaveText(name);
  await page.getByLabel('Pindahkan ke PK').selectOption({ label: 'Hendra Gunawan' });
  await page.getByRole('button', { name: 'Pindahkan', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Perubahan tersimpan.' })).toBeVisible();
  await expect(page.locator('.client-head')).toContainText('PK: Hendra Gunawan');
  await shot(page, info, '21-reassigned');
  expect(errors).toEqual([]);
});
