import { expect, Page, test } from '@playwright/test';
import { hydrated, login, nav, shot, watchErrors } from './helpers';

/** The office's date from the Today heading ("Hari ini, 24/11/2026") as YYYY-MM-DD. */
async function officeToday(page: Page): Promise<string> {
  const heading = await page.getByTestId('today').getByRole('heading', { level: 2 }).innerText();
  const [, d, m, y] = heading.match(/(\d{2})\/(\d{2})\/(\d{4})/) ?? [];
  return `${y}-${m}-${d}`;
}

test("an officer's day: Today, search, a home visit, the timeline, and an RRI assessment", async ({ page }, info) => {
  const errors = watchErrors(page);
  await login(page, 'pk.jakbar');
  const today = page.getByTestId('today');
  await expect(today.getByRole('heading', { level: 2 })).toContainText('Hari ini');
  await shot(page, info, '10-today');

  // A client whose report is overdue (not yet at the revocation threshold) or due today.
  const overdue = today.locator('.client-line').filter({ has: page.locator('.reason--overdue, .reason--due') }).first();
  await expect(overdue).toBeVisible();
  const fullName = (await overdue.locator('.client-line__name').innerText()).trim();
  const date = await officeToday(page);

  // Find them by typing their first and family name in lower case, with one letter wrong.
  const [given, family] = fullName.split(' ');
  const typo = `${given} ${family.slice(0, -1)}${family.endsWith('a') ? 'e' : 'a'}`.toLowerCase();
  await nav(page, 'Klien');
  await page.getByTestId('client-search').fill(typo);
  const hit = page.getByTestId('client-list').getByRole('link', { name: fullName });
  await expect(hit.first()).toBeVisible();
  await shot(page, info, '11-search-typo');
  await hit.first().click();
  await hydrated(page);
  await expect(page.getByTestId('client-name')).toHaveText(fullName);
  await shot(page, info, '12-client');

  // Record a home visit.
  await page.getByTestId('record-report').click();
  await hydrated(page);
  await page.getByText('Kunjungan rumah').click();
  await page.getByLabel('Tanggal').fill(date);
  await page.getByLabel('Jam').fill('09:30');
  await page.getByText('Hadir / ada').click();
  const note = `Kunjungan e2e ${info.project.name}: klien di rumah, bekerja sebagai ojek`;
  await page.getByLabel('Catatan').fill(note);
  await shot(page, info, '13-home-visit-form');
  await page.getByRole('button', { name: 'Simpan' }).click();

  // Back on the client's page, told it was saved: the visit tops the timeline.
  await expect(page.getByTestId('client-name')).toHaveText(fullName);
  await expect(page.getByRole('status').filter({ hasText: 'Perubahan tersimpan.' })).toBeVisible();
  // Other tests may write to the same client meanwhile: find this visit by its note.
  const entry = page.getByTestId('timeline').locator('li').filter({ hasText: note });
  await expect(entry).toContainText('Kunjungan rumah');
  await expect(page.getByTestId('reporting')).toContainText('sudah lapor periode ini');
  await shot(page, info, '14-timeline');

  // Today no longer lists the report as overdue.
  await nav(page, 'Hari ini');
  const line = page.getByTestId('today').locator('.client-line').filter({ hasText: fullName });
  await expect(line.locator('.reason--overdue')).toHaveCount(0);
  await expect(line.locator('.reason--due')).toHaveCount(0);
  await shot(page, info, '15-today-after');

  // An RRI assessment: the band changes on the phone as items are ticked.
  await nav(page, 'Klien');
  await page.getByTestId('client-search').fill(fullName);
  await page.getByTestId('client-list').getByRole('link', { name: fullName }).first().click();
  await hydrated(page);
  await page.getByRole('link', { name: 'Penilaian RRI' }).click();
  await hydrated(page);
  const score = page.getByTestId('rri-score');
  await expect(score).toContainText('Skor 0 dari 17');
  await expect(score.getByTestId('band-badge')).toHaveText('Rendah');
  const yes = (item: string) => page.locator(`[data-item="${item}"]`).locator('label.choice').nth(1);
  await yes('first_detained_16').click();
  await expect(score).toContainText('Skor 3 dari 17');
  await shot(page, info, '16-rri-rendah');
  for (const item of ['prior_prison', 'charges_3plus', 'breach_reintegration']) await yes(item).click();
  await expect(score).toContainText('Skor 6 dari 17');
  await expect(score.getByTestId('band-badge')).toHaveText('Rendah');
  await yes('misconduct').click();
  await expect(score).toContainText('Skor 7 dari 17');
  await expect(score.getByTestId('band-badge')).toHaveText('Sedang');
  await shot(page, info, '17-rri-sedang');
  await page.getByLabel('Tanggal').fill(date);
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByTestId('client-name')).toHaveText(fullName);
  await expect(page.locator('.client-head').getByTestId('band-badge')).toHaveText('Sedang');
  await expect(page.getByTestId('timeline')).toContainText('Penilaian RRI: Sedang (skor 7)');
  await shot(page, info, '18-client-assessed');

  expect(errors).toEqual([]);
});
