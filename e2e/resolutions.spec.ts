import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type Locator, expect, test } from '@playwright/test';
import { type Role, queryE2eDb, storageStateOf } from './support';

/**
 * The issue's journey for resolutions: the clerk drafts a resolution from the standing
 * committee's meeting (its decision item linked), the secretary signs and issues it, the next
 * number of the series appears (on a fresh demo `01-NQ/HU`), and the Party-layout PDF downloads.
 */
test.describe.configure({ mode: 'serial' });

async function as(browser: Browser, role: Role) {
  const context = await browser.newContext({ storageState: storageStateOf(role), viewport: { width: 1024, height: 768 } });
  return { context, page: await context.newPage() };
}

async function chooseOption(select: Locator, text: string) {
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  await select.selectOption(value!);
}

/** The number the next resolution of Huyện ủy Kim Bảng will get in the current term. */
async function expectedNumber() {
  const [row] = await queryE2eDb<{ last: number | null }>(
    `select max(s.last_number) as last from document_number_series s
       join committee_terms t on t.id = s.term_id
       join organizations o on o.id = s.organization_id
      where o.name = 'Huyện ủy Kim Bảng' and s.series = 'NQ'
        and (now() at time zone 'Asia/Ho_Chi_Minh')::date between t.starts_on and t.ends_on`,
  );
  return `${String((row?.last ?? 0) + 1).padStart(2, '0')}-NQ/HU`;
}

test('the clerk drafts from a meeting, the secretary issues, the number appears and the PDF downloads', async ({ browser }) => {
  test.setTimeout(120_000);
  const [meeting] = await queryE2eDb<{ id: string }>(`select id from meetings where title = 'Hội nghị Ban Thường vụ Huyện ủy thường kỳ'`);
  const subject = `Về công tác cán bộ ${Date.now().toString(36)}`;

  // The clerk starts from the meeting page.
  const clerk = await as(browser, 'clerk');
  await clerk.page.goto(`/meetings/${meeting!.id}`);
  const section = clerk.page.getByTestId('meeting-resolutions');
  await expect(section.getByRole('heading', { name: 'Nghị quyết, kết luận' })).toBeVisible();
  await section.getByRole('link', { name: 'Soạn nghị quyết' }).click();
  await expect(clerk.page.getByRole('heading', { level: 1 })).toHaveText('Soạn dự thảo văn bản');
  await expect(clerk.page.getByText('Soạn từ cuộc họp: Hội nghị Ban Thường vụ Huyện ủy thường kỳ')).toBeVisible();

  await expect(clerk.page.getByLabel('Loại văn bản')).toHaveValue('NQ');
  await chooseOption(clerk.page.getByLabel('Nội dung quyết định trong chương trình họp'), 'Xem xét, quyết định công tác cán bộ');
  await clerk.page.getByLabel(/^Trích yếu/).fill(subject);
  await clerk.page.getByLabel('Nội dung', { exact: true }).fill('I. NỘI DUNG\nBan Thường vụ thống nhất phương án kiện toàn cán bộ.\n\nII. TỔ CHỨC THỰC HIỆN\nVăn phòng Huyện ủy theo dõi, đôn đốc.');
  await clerk.page.getByLabel('Nơi nhận').fill('Ban Thường vụ Tỉnh ủy (để báo cáo)\nLưu Văn phòng Huyện ủy');
  await chooseOption(clerk.page.getByLabel('Người ký'), 'Trần Văn Thắng');
  await clerk.page.getByRole('button', { name: 'Tạo dự thảo' }).click();
  await clerk.page.waitForURL(/\/resolutions\/[0-9a-f-]{36}$/);
  await expect(clerk.page.getByRole('heading', { level: 1 })).toHaveText(`Nghị quyết: ${subject}`);
  await expect(clerk.page.getByTestId('resolution-status')).toHaveText('Dự thảo');
  // The clerk drafts but does not sign.
  await expect(clerk.page.getByTestId('issue-section')).toHaveCount(0);
  const url = new URL(clerk.page.url()).pathname;
  await clerk.context.close();

  // The secretary signs and issues; the number is given now.
  const expected = await expectedNumber();
  expect(expected).toMatch(/^\d{2,}-NQ\/HU$/);
  const secretary = await as(browser, 'secretary');
  await secretary.page.goto(url);
  const issue = secretary.page.getByTestId('issue-section');
  await expect(issue.getByLabel('Người ký')).toHaveValue(/.+/);
  await issue.getByRole('button', { name: 'Ban hành' }).click();
  await expect(secretary.page.getByTestId('resolution-status')).toHaveText('Đã ban hành');
  await expect(secretary.page.getByTestId('resolution-number')).toHaveText(expected);
  await expect(secretary.page.getByText('Văn bản đã ban hành không sửa, không xóa được.', { exact: false })).toBeVisible();

  // The PDF downloads with the number in its name.
  const [download] = await Promise.all([secretary.page.waitForEvent('download'), secretary.page.getByTestId('resolution-pdf').click()]);
  expect(download.suggestedFilename()).toBe(`${expected.replace('/', '-')} - ${subject}.pdf`);
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

  // The meeting lists it with its number.
  await secretary.page.goto(`/meetings/${meeting!.id}`);
  const listed = secretary.page.getByTestId('meeting-resolutions').getByRole('listitem').filter({ hasText: subject });
  await expect(listed.getByTestId('resolution-number')).toHaveText(expected);
  await secretary.context.close();
});

test('the resolution pages fit a phone and a tablet, with large controls and no serious accessibility violation', async ({ browser }) => {
  test.setTimeout(180_000);
  const one = async (text: string) => (await queryE2eDb<{ id: string }>(text))[0]!.id;
  const issued = await one(
    `select r.id from resolutions r join organizations o on o.id = r.organization_id where o.name = 'Chi bộ thôn Đồng Tâm' and r.status = 'issued' order by r.number limit 1`,
  );
  const meeting = await one(`select id from meetings where title = 'Hội nghị Ban Thường vụ Huyện ủy thường kỳ'`);
  const pages: { role: Role; path: string }[] = [
    { role: 'clerk', path: '/resolutions' },
    { role: 'clerk', path: `/resolutions/new?meetingId=${meeting}` },
    { role: 'member', path: `/resolutions/${issued}` },
    { role: 'secretary', path: '/resolutions/settings' },
  ];
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1024, height: 768 },
  ]) {
    for (const entry of pages) {
      const context = await browser.newContext({ viewport, storageState: storageStateOf(entry.role) });
      const page = await context.newPage();
      await page.goto(entry.path);
      await page.waitForLoadState('load');
      await page.evaluate(() => document.fonts.ready);
      const where = `${entry.path} at ${viewport.width}px`;
      await page.screenshot({ path: test.info().outputPath(`${entry.role}${entry.path.replace(/[^a-z]+/g, '-')}${viewport.width}.png`), fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `horizontal overflow: ${where}`).toBeLessThanOrEqual(0);
      const small = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('button, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, summary, nav a')]
          .filter((el) => el.offsetParent !== null)
          .map((el) => ({ el: el.outerHTML.slice(0, 80), h: el.getBoundingClientRect().height }))
          .filter((c) => c.h < 43.5),
      );
      expect(small, `controls under 44 px: ${where}`).toEqual([]);
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const serious = axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      expect(serious, `serious accessibility violations: ${where}`).toEqual([]);
      await context.close();
    }
  }
});
