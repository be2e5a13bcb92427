import { type Browser, type Page, expect, test } from '@playwright/test';
import { PASSWORD, type Role, queryE2eDb, storageStateOf } from './support';

/**
 * The issue's journey: the clerk uploads and files a scanned resolution of the member's cell;
 * once it is processed, a member finds it by an unaccented query on the search page and reads it
 * in the viewer; a member of another cell does not find it.
 */
test.describe.configure({ mode: 'serial' });

async function as(browser: Browser, role: Role) {
  const context = await browser.newContext({ storageState: storageStateOf(role), viewport: { width: 1024, height: 768 } });
  return { context, page: await context.newPage() };
}

/** A "scan": the resolution's heading and text drawn by the browser on a white A4-like canvas, as a PNG. */
async function scannedResolution(page: Page, lines: string[]): Promise<Buffer> {
  const dataUrl = await page.evaluate((text) => {
    const canvas = document.createElement('canvas');
    canvas.width = 1240;
    canvas.height = 1754;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = '#111111';
    context.font = 'bold 44px sans-serif';
    let y = 160;
    for (const [i, line] of text.entries()) {
      if (i === 1) context.font = '38px sans-serif';
      context.fillText(line, 110, y);
      y += 80;
    }
    return canvas.toDataURL('image/png');
  }, lines);
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

test('the clerk files a scanned resolution; a member finds it without diacritics and reads it; an outsider does not', async ({ browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString().slice(-6);
  const numberSymbol = `${Number(stamp.slice(-3)) + 100}-NQ/CB`;
  const title = `Nghị quyết về chuyển đổi số trong sinh hoạt chi bộ ${stamp}`;

  // The clerk uploads the scan (resumable upload with a progress bar) and files it.
  const clerk = await as(browser, 'clerk');
  await clerk.page.goto('/archive/new');
  const scan = await scannedResolution(clerk.page, ['CHI BỘ THÔN ĐỒNG TÂM', `NGHỊ QUYẾT SỐ ${numberSymbol}`, 'Về chuyển đổi số trong sinh hoạt chi bộ', 'Chi bộ thống nhất sử dụng máy tính bảng trong họp.']);
  await clerk.page.locator('input[type=file]').first().setInputFiles({ name: `Nghị quyết ${stamp} (bản quét).png`, mimeType: 'image/png', buffer: scan });
  const staged = clerk.page.getByRole('radio', { name: new RegExp(`Nghị quyết ${stamp} \\(bản quét\\)\\.png`) });
  await expect(staged).toBeVisible({ timeout: 60_000 });
  await staged.check();
  const organization = clerk.page.getByLabel('Tổ chức lưu trữ');
  await organization.selectOption({ label: 'Chi bộ thôn Đồng Tâm' });
  await clerk.page.getByLabel('Loại văn bản').selectOption({ label: 'Nghị quyết (NQ)' });
  await clerk.page.getByLabel('Số, ký hiệu').fill(numberSymbol);
  await clerk.page.getByLabel(/^Tên văn bản/).fill(title);
  await clerk.page.getByLabel('Trích yếu').fill('Ứng dụng công nghệ thông tin, máy tính bảng trong sinh hoạt chi bộ định kỳ.');
  await clerk.page.getByLabel('Ngày ban hành').fill('2026-11-05');
  await clerk.page.getByLabel('Người ký').fill('Bí thư Chi bộ');
  await clerk.page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(clerk.page.getByText('Đã lập hồ sơ văn bản.')).toBeVisible();
  await clerk.page.getByRole('link', { name: 'Mở hồ sơ vừa lập' }).click();
  await expect(clerk.page.getByRole('heading', { level: 1 })).toHaveText(title);
  const recordUrl = new URL(clerk.page.url()).pathname;

  // …and waits until it is processed (text read by OCR, page image made); the page refreshes itself.
  await expect(clerk.page.getByTestId('extraction-status').first()).toContainText('Đã trích xuất nội dung', { timeout: 180_000 });
  await clerk.context.close();

  // A member of the cell finds it with a query typed without diacritics, and reads it in the browser.
  const member = await as(browser, 'member');
  await member.page.goto(`/archive?q=${encodeURIComponent(`nghi quyet chuyen doi so ${stamp}`)}`);
  const result = member.page.getByRole('link', { name: new RegExp(title) });
  await expect(result).toBeVisible();
  await result.click();
  await expect(member.page).toHaveURL(new RegExp(`${recordUrl}$`));
  const image = member.page.getByTestId('record-viewer').locator('img');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await member.context.close();

  // A member of another cell signs in and finds nothing; the record itself answers "not found".
  const [outsider] = await queryE2eDb<{ email: string }>(
    `select u.email from users u join memberships m on m.user_id = u.id join organizations o on o.id = m.organization_id
     where o.name = 'Chi bộ thôn Ninh Tào' and m.role = 'member' order by u.email limit 1`, // admin-users.spec disables one in Bãi Giữa
  );
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Thư điện tử').fill(outsider!.email);
  await page.getByLabel(/^Mật khẩu/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL('**/');
  await page.goto(`/archive?q=${encodeURIComponent(`nghi quyet chuyen doi so ${stamp}`)}`);
  await expect(page.getByRole('link', { name: new RegExp(title) })).toHaveCount(0);
  const direct = await page.goto(recordUrl);
  expect(direct?.status()).toBe(404);
  await context.close();
});
