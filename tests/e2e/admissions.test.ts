// The admissions pipeline on a phone (issue 10 items 1 and 2), against the real `chibo start`
// and its commune demo: the secretary of the first cell adds a candidate, records each step
// with the app's date box, ticks the dossier off document by document, confirms the admission
// decision, and finds the ceremony's deadline (30 working days) on the home page; the
// commune's committee member sees it too. Screenshots at 390×844 and 1366×768.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../src/domain/working-days.ts';
import { PHONE } from './helpers/browser.ts';
import { useChibo } from './helpers/session.ts';

const { loggedIn, shot } = useChibo();
const DESKTOP = { viewport: { width: 1366, height: 768 } };

const vietnamToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const daysAgo = (n: number) => new Date(Date.parse(`${vietnamToday()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const vi = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Fills the next step's form and records it. */
async function recordStep(page: Page, step: string, doneOn: string, fill?: (form: ReturnType<Page['locator']>) => Promise<void>) {
  const form = page.locator(`[data-testid="step-form"][data-step="${step}"]`);
  await form.waitFor();
  await form.getByTestId('step-date').fill(vi(doneOn));
  await fill?.(form);
  await form.getByTestId('step-submit').click();
}

async function pickMember(page: Page, form: ReturnType<Page['locator']>, name: string) {
  await form.getByTestId('step-member').click();
  await page.keyboard.type(name.split(' ').at(-1)!);
  await page.locator('.ant-select-dropdown:visible [data-testid="member-option"]').filter({ hasText: name }).first().click();
}

describe('a secretary moves a candidate through the pipeline on a phone', () => {
  it('from source to the admission decision, and sees the ceremony deadline on the home page', async () => {
    const page = await loggedIn('bithu.cb1', { ...PHONE });
    const me = await (await page.context().request.get('/api/v1/auth/me')).json();
    const cellId: number = me.grants[0].unitId;
    const members = await (await page.context().request.get(`/api/v1/members?unitId=${cellId}&status=chinh_thuc&pageSize=50`)).json();
    const sponsor = members.items.find((m: { fullMemberOn: string | null }) => m.fullMemberOn && m.fullMemberOn < daysAgo(800));
    expect(sponsor, 'a full member of long standing in the demo cell').toBeTruthy();

    await page.goto('/admissions');
    await page.getByTestId('admissions-page').waitFor();
    // The demo's candidates of the cell are listed before the form opens (the list arriving
    // while the form is open re-renders it and loses what was typed).
    await page.getByTestId('candidate-row').first().waitFor();
    await page.getByTestId('candidate-add').click();
    await page.getByTestId('candidate-name').fill('Hoàng Thị Mai Thử');
    await page.getByTestId('candidate-birth').fill('15/03/1995');
    await page.getByTestId('candidate-source-on').fill(vi(daysAgo(200)));
    await shot(page, 'admissions-add-phone');
    await page.getByTestId('candidate-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    await page.waitForURL(/\/admissions\/\d+$/);
    expect(await page.getByTestId('candidate-stage').getAttribute('data-stage')).toBe('source');

    await recordStep(page, 'helper_assigned', daysAgo(190), (f) => pickMember(page, f, sponsor.fullName));
    await recordStep(page, 'awareness_course', daysAgo(180));
    await page.locator('[data-testid="step-form"][data-step="application"]').waitFor();
    // The certificate's validity is the next deadline now.
    expect(await page.getByTestId('deadline').first().getAttribute('data-kind')).toBe('certificate_expires_on');
    await recordStep(page, 'application', daysAgo(170));
    await page.locator('[data-testid="step-form"][data-step="dossier"]').waitFor();

    // The dossier: each required document verified, one tap each.
    for (const doc of ['certificate', 'application', 'personal_history', 'verification', 'sponsor_form', 'residence_comment']) {
      const row = page.locator(`[data-testid="dossier-document"][data-document="${doc}"]`);
      await row.getByTestId('dossier-verify').click();
      await page.locator(`[data-testid="dossier-document"][data-document="${doc}"][data-status="verified"]`).waitFor();
    }
    await shot(page, 'admissions-dossier-phone');
    await recordStep(page, 'dossier', daysAgo(150), async (f) => {
      await pickMember(page, f, sponsor.fullName);
      await f.getByTestId('step-known-since').fill(vi(daysAgo(1200)));
    });

    // Too few votes: refused in words, beside the form.
    await recordStep(page, 'cell_resolution', daysAgo(140), async (f) => {
      await f.getByTestId('step-votes-for').fill('3');
      await f.getByTestId('step-full-members').fill('6');
    });
    await page.getByTestId('step-problem').filter({ hasText: 'hai phần ba' }).waitFor();
    await shot(page, 'admissions-two-thirds-refused-phone');
    const form = page.locator('[data-testid="step-form"][data-step="cell_resolution"]');
    await form.getByTestId('step-votes-for').fill('5');
    await form.getByTestId('step-submit').click();
    await recordStep(page, 'committee_resolution', daysAgo(130));
    await recordStep(page, 'decision', daysAgo(10), (f) => f.getByTestId('step-decision-number').fill('215-QĐ/ĐU'));
    // The decision cannot be undone here: it is confirmed first.
    await page.getByTestId('confirm-ok').click();
    await page.locator('[data-testid="candidate-stage"][data-stage="decision"]').waitFor();
    const ceremonyBy = addWorkingDays(daysAgo(10), 30);
    expect(await page.getByTestId('deadline').first().textContent()).toContain(`Tổ chức lễ kết nạp chậm nhất ${vi(ceremonyBy)}`);
    await page.locator('[data-testid="step-form"][data-step="ceremony"]').waitFor();
    await shot(page, 'admissions-candidate-phone');

    // The home page: the ceremony's deadline, in words.
    await page.goto('/');
    const item = page.getByTestId('home-admission').filter({ hasText: 'Hoàng Thị Mai Thử' });
    await item.waitFor();
    expect(await item.getAttribute('data-kind')).toBe('ceremony_by');
    expect(await item.textContent()).toContain(vi(ceremonyBy));
    await item.scrollIntoViewIfNeeded();
    await shot(page, 'admissions-home-phone');

    // The pipeline, by stage.
    await page.goto('/admissions');
    await page.locator('[data-testid="pipeline-stage"][data-stage="decision"]').getByText('Hoàng Thị Mai Thử').waitFor();
    await shot(page, 'admissions-pipeline-phone');
  });

  it('shows the commune’s committee the deadline of a cell under it, on a wide screen too', async () => {
    const page = await loggedIn('capuy', DESKTOP);
    await page.goto('/');
    const item = page.getByTestId('home-admission').filter({ hasText: 'Hoàng Thị Mai Thử' });
    await item.waitFor();
    await item.scrollIntoViewIfNeeded();
    await shot(page, 'admissions-home-committee-desktop');
    await item.getByRole('link').click();
    await page.getByTestId('candidate-page').waitFor();
    await shot(page, 'admissions-candidate-desktop');
    await page.goto('/admissions');
    await page.getByTestId('admissions-page').waitFor();
    await shot(page, 'admissions-pipeline-desktop');
  });

  it('lets the admin see the calendar of a year with Tết from the lunar calendar', async () => {
    const page = await loggedIn('admin', { ...PHONE });
    await page.goto('/calendar-days');
    await page.getByTestId('calendar-days-page').waitFor();
    await page.getByTestId('calendar-holiday').first().waitFor();
    await shot(page, 'admissions-calendar-phone');
  });
});
