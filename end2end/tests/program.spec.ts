import { readFileSync } from 'node:fs';
import { expect, Page, test } from '@playwright/test';
import { hydrated, login, shot, watchErrors } from './helpers';

function wibToday(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Chooses the option whose text contains `text` in a select. */
async function choose(page: Page, select: ReturnType<Page['getByLabel']>, text: string) {
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  expect(value).toBeTruthy();
  await select.selectOption(value!);
}

test('the Kabapas adds a programme; a PK marks "KTP needed", enrols a client with consent and records attendance', async ({ page }, info) => {
  const errors = watchErrors(page);
  const name = `Kelas perekaman KTP-el ${info.project.name}`;

  // The Kabapas adds a programme that serves the identity card.
  await login(page, 'kabapas.jakbar');
  await page.goto('/kantor');
  await hydrated(page);
  await page.getByTestId('office-programmes').click();
  await hydrated(page);
  expect(await page.getByTestId('programmes').getByTestId('programme').count()).toBeGreaterThanOrEqual(4);
  await page.getByTestId('programme-new').click();
  await hydrated(page);
  const form = page.getByTestId('programme-form');
  await form.getByLabel('Nama program').fill(name);
  await form.getByLabel('Jenis', { exact: true }).selectOption({ label: 'Bimbingan kepribadian' });
  await form.getByLabel('Tempat', { exact: true }).fill('Aula Bapas');
  await form.getByLabel('Mulai', { exact: true }).fill(wibToday());
  await form.getByLabel('Kapasitas').fill('5');
  await form.getByLabel('KTP / NIK (Dukcapil)').check();
  await shot(page, info, '94-programme-form');
  await form.getByRole('button', { name: 'Simpan' }).click();
  await hydrated(page);
  await expect(page.getByTestId('programme-name')).toHaveText(name);
  await expect(page.getByTestId('programme-places')).toHaveText('0 dari 5 tempat terisi');

  // The PK marks the need on a client of their own and enrols them.
  await page.context().clearCookies();
  await login(page, 'pk.jakbar');
  await page.goto('/klien?pk=saya');
  await hydrated(page);
  const nth = info.project.name === 'phone' ? 5 : 6;
  await page.getByTestId('client-list').locator('a.client-line__name[href^="/klien/"]').nth(nth).click();
  await hydrated(page);
  const client = page.url();
  const ktp = page.getByTestId('client-needs').locator('[data-item="ktp"]');
  await page.getByTestId('needs-open').click();
  const needs = page.getByTestId('needs-form');
  await needs.getByLabel('KTP / NIK (Dukcapil)').selectOption({ label: 'Terpenuhi' });
  await needs.getByRole('button', { name: 'Simpan kebutuhan' }).click();
  await hydrated(page);
  await page.getByTestId('needs-open').click();
  await needs.getByLabel('KTP / NIK (Dukcapil)').selectOption({ label: 'Dibutuhkan' });
  await needs.getByRole('button', { name: 'Simpan kebutuhan' }).click();
  await hydrated(page);
  await expect(ktp.getByTestId('need-state')).toHaveText('Dibutuhkan');

  const section = page.getByTestId('client-programmes');
  await section.getByTestId('enrol-open').click();
  const enrol = page.getByTestId('enrol-form');
  await choose(page, enrol.getByLabel('Program', { exact: true }), name);
  // Not without the client's consent: the form says so and keeps the choice.
  await enrol.getByTestId('enrol-save').click();
  await hydrated(page);
  await expect(page.getByTestId('enrol-form')).toContainText('Tanyakan dulu persetujuan klien');
  await expect(page.getByTestId('enrol-form').getByLabel('Program', { exact: true })).toHaveValue(/.+/);
  await choose(page, page.getByTestId('enrol-form').getByLabel('Program', { exact: true }), name);
  await page.getByTestId('enrol-form').getByLabel('Klien setuju mengikuti program ini').check();
  await page.getByTestId('enrol-form').getByTestId('enrol-save').click();
  await hydrated(page);
  await expect(page.getByRole('status').filter({ hasText: /tersimpan/i })).toBeVisible();
  const enrolment = page.getByTestId('enrolment').filter({ hasText: name });
  await expect(enrolment.getByTestId('enrolment-status')).toHaveText('Mengikuti');
  await expect(ktp.getByTestId('need-state')).toHaveText('Sedang diproses');
  await expect(ktp).toContainText(name);
  await section.scrollIntoViewIfNeeded();
  await shot(page, info, '95-client-enrolled');

  // On the programme's page the PK plans today's session and records who came.
  await enrolment.getByRole('link', { name }).click();
  await hydrated(page);
  await page.getByTestId('plan-open').click();
  const plan = page.getByTestId('plan-form');
  await plan.getByLabel('Tanggal').fill(wibToday());
  await plan.getByLabel('Materi').fill('Perekaman KTP-el bersama Dukcapil');
  await plan.getByRole('button', { name: 'Simpan' }).click();
  await hydrated(page);
  const session = page.getByTestId('session').filter({ hasText: 'Perekaman KTP-el bersama Dukcapil' });
  await expect(session.getByTestId('session-attendance')).toHaveText('Kehadiran belum dicatat');
  // Everyone taking part is ticked; the officer unticks who did not come.
  await expect(session.getByTestId('attendance-form').getByRole('checkbox')).toHaveCount(1);
  await expect(session.getByTestId('attendance-form').getByRole('checkbox')).toBeChecked();
  await session.getByTestId('attendance-save').click();
  await hydrated(page);
  await expect(page.getByTestId('session').filter({ hasText: 'Perekaman KTP-el' }).getByTestId('session-attendance')).toHaveText('1 dari 1 hadir');
  await expect(page.getByTestId('participant').getByTestId('participant-attendance')).toHaveText('Hadir 1 dari 1 sesi');
  await expect(page.getByTestId('programme-places')).toHaveText('1 dari 5 tempat terisi');
  await shot(page, info, '96-programme-attendance');

  // The client's timeline shows it.
  await page.goto(client);
  await hydrated(page);
  await expect(page.getByTestId('timeline')).toContainText('Hadir di sesi program');
  await expect(page.getByTestId('timeline')).toContainText('Mulai mengikuti program');
  expect(errors).toEqual([]);
});

test("a partner's user runs the programme their institution offers, and sees only that one", async ({ page }, info) => {
  const errors = watchErrors(page);
  await login(page, 'mitra.jakbar');
  await page.getByRole('navigation').getByRole('link', { name: 'Program' }).first().click();
  await hydrated(page);
  const cards = page.getByTestId('programmes').getByTestId('programme');
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText('Pelatihan las dan otomotif dasar');
  await cards.getByRole('link').click();
  await hydrated(page);
  await expect(page.getByTestId('participants').getByTestId('participant')).not.toHaveCount(0);
  await expect(page.getByTestId('sessions').getByTestId('session').first()).toContainText('hadir');
  await expect(page.getByTestId('plan-open')).toBeVisible();
  await shot(page, info, '97-programme-partner');
  expect(errors).toEqual([]);
});

test('the transit house shows its beds tonight and its residents', async ({ page }, info) => {
  const errors = watchErrors(page);
  await login(page, 'kabapas.jakbar');
  await page.goto('/program');
  await hydrated(page);
  await page.getByTestId('programme').filter({ hasText: 'Griya Abhipraya' }).getByRole('link').click();
  await hydrated(page);
  await expect(page.getByTestId('occupied-tonight')).toHaveText('4 penghuni');
  await expect(page.getByTestId('participants').getByTestId('participant')).toHaveCount(4);
  await expect(page.getByTestId('participants-ended').getByTestId('participant-status')).toHaveText('Selesai');
  await shot(page, info, '98-griya-abhipraya');
  expect(errors).toEqual([]);
});

test("a PK records a client's small business and the capital a partner gave it", async ({ page }, info) => {
  const errors = watchErrors(page);
  const name = `Warung Kopi ${info.project.name}`;
  await login(page, 'pk.jakbar');
  await page.goto('/klien?pk=saya');
  await hydrated(page);
  await page.getByTestId('client-list').locator('a.client-line__name[href^="/klien/"]').nth(info.project.name === 'phone' ? 7 : 8).click();
  await hydrated(page);
  const section = page.getByTestId('client-businesses');
  await section.getByTestId('business-add-open').click();
  const form = page.getByTestId('business-form');
  await form.getByLabel('Nama usaha').fill(name);
  await form.getByLabel('Jenis usaha').fill('warung kopi');
  await form.getByTestId('business-save').click();
  await hydrated(page);
  const business = page.getByTestId('business').filter({ hasText: name });
  await expect(business.getByTestId('business-status')).toHaveText('Berjalan');

  await business.getByTestId('support-open').click();
  const support = business.getByTestId('support-form');
  await support.getByLabel('Dari').selectOption({ label: 'Dinas Sosial Kota Administrasi Jakarta Barat' });
  // A decimal comma is not rupiah: the form says so in Bahasa Indonesia and keeps the rest.
  await support.getByLabel('Nilai (Rp)').fill('1,5 juta');
  await support.getByTestId('support-save').click();
  await hydrated(page);
  const again = page.getByTestId('business').filter({ hasText: name }).getByTestId('support-form');
  await expect(again).toContainText('Formatnya tidak sesuai');
  await again.getByLabel('Nilai (Rp)').fill('1.500.000');
  await again.getByTestId('support-save').click();
  await hydrated(page);
  const saved = page.getByTestId('business').filter({ hasText: name });
  await expect(saved).toContainText('dukungan Rp1.500.000');
  await expect(saved.getByTestId('business-supports')).toContainText('Modal');
  await expect(saved.getByTestId('business-supports')).toContainText('Dinas Sosial Kota Administrasi Jakarta Barat');
  await section.scrollIntoViewIfNeeded();
  await shot(page, info, '101-client-business');
  expect(errors).toEqual([]);
});

test("the Kabapas writes an action plan; its progress moves when a PK marks a client's KTP met", async ({ page }, info) => {
  const errors = watchErrors(page);
  const plan = `Rencana uji ${info.project.name}`;
  const objective = `Klien ber-KTP (${info.project.name})`;
  const today = new Date(Date.now() + 7 * 3600_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const progress = async () => {
    await page.goto('/rencana-aksi');
    await hydrated(page);
    const text = await page.getByTestId('objective').filter({ hasText: objective }).getByTestId('objective-progress').innerText();
    return Number(text.split(' ')[0]);
  };

  // The seeded plan is there, half done; the Kabapas writes one from today.
  await login(page, 'kabapas.jakbar');
  await page.goto('/kantor');
  await hydrated(page);
  await page.getByTestId('office-plans').click();
  await hydrated(page);
  await expect(page.getByTestId('plan').filter({ hasText: 'Klien memiliki KTP-el' }).getByTestId('objective')).toHaveCount(3);
  await shot(page, info, '102-action-plan');
  // The plans download, one row per objective, headed in Bahasa Indonesia.
  const [plans] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(plans.suggestedFilename()).toMatch(/^rencana-aksi.*\.csv$/);
  const plansCsv = readFileSync(await plans.path(), 'utf8');
  expect(plansCsv.split('\r\n')[0]).toContain('Judul rencana,Periode,Sasaran,Kebutuhan');
  expect(plansCsv).toContain('Klien memiliki KTP-el');
  await page.getByTestId('plan-new-open').click();
  const form = page.getByTestId('plan-form');
  await form.getByLabel('Judul rencana').fill(plan);
  await form.getByLabel('Mulai').fill(day(today));
  await form.getByLabel('Selesai').fill(day(new Date(today.getTime() + 90 * 86_400_000)));
  await form.getByRole('button', { name: 'Simpan' }).click();
  await hydrated(page);
  const mine = page.getByTestId('plan').filter({ hasText: plan });
  await mine.getByTestId('objective-open').click();
  const add = mine.getByTestId('objective-form');
  await add.getByLabel('Sasaran').fill(objective);
  await expect(add.getByLabel('Kebutuhan')).toContainText('klien membutuhkan saat ini');
  await add.getByLabel('Target (jumlah klien)').fill('5');
  await add.getByLabel('Tenggat').fill(day(new Date(today.getTime() + 60 * 86_400_000)));
  await add.getByTestId('objective-save').click();
  await hydrated(page);
  const before = await progress();

  // A PK marks a client's KTP met (needed first, so the mark is a change today).
  await page.context().clearCookies();
  await login(page, 'pk.jakbar');
  await page.goto('/klien?pk=saya');
  await hydrated(page);
  await page.getByTestId('client-list').locator('a.client-line__name[href^="/klien/"]').nth(info.project.name === 'phone' ? 9 : 10).click();
  await hydrated(page);
  for (const label of ['Dibutuhkan', 'Terpenuhi']) {
    await page.getByTestId('needs-open').click();
    await page.getByTestId('needs-form').getByLabel('KTP / NIK (Dukcapil)').selectOption({ label });
    await page.getByTestId('needs-form').getByRole('button', { name: 'Simpan kebutuhan' }).click();
    await hydrated(page);
    await expect(page.getByTestId('client-needs').locator('[data-item="ktp"]').getByTestId('need-state')).toHaveText(label);
  }

  await page.context().clearCookies();
  await login(page, 'kabapas.jakbar');
  expect(await progress()).toBeGreaterThanOrEqual(before + 1);

  // The Kanwil reads the office's plans too, without the forms.
  await page.context().clearCookies();
  await login(page, 'kanwil.dki');
  await page.getByTestId('home-plans').click();
  await hydrated(page);
  await expect(page.getByTestId('plans-office')).toContainText('Bapas Kelas I Jakarta Barat');
  await expect(page.getByTestId('objective-open')).toHaveCount(0);
  expect(errors).toEqual([]);
});
