import { type Browser, type Locator, expect, test } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { type Role, storageStateOf } from './support';

/**
 * The journey: the clerk prepares a standing-committee meeting with an agenda and a
 * document; the secretary sends the invitations; an invited guest (the demo member) replies
 * excused; the secretary opens and closes the meeting; the minute-taker and the office then edit
 * the draft minutes at the same time and the second save is refused, not silently lost.
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

async function samplePdf() {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText('Du thao bao cao quy IV', { x: 50, y: 700, size: 18, font });
  return Buffer.from(await doc.save());
}

test('prepare, invite, reply, run, and edit the minutes without losing a change', async ({ browser }) => {
  test.setTimeout(120_000);
  const title = `Hội nghị Ban Thường vụ bất thường ${Date.now().toString(36)}`;
  // A different day on every run (and retry): one body's meetings may not overlap.
  const day = new Date(Date.UTC(2027, 0, 1) + (Date.now() % 700) * 86_400_000).toISOString().slice(0, 10);

  // The clerk prepares the meeting.
  const clerk = await as(browser, 'clerk');
  await clerk.page.goto('/meetings/new');
  await chooseOption(clerk.page.getByLabel('Cơ quan họp'), 'Ban Thường vụ');
  await clerk.page.getByLabel('Loại cuộc họp').selectOption({ label: 'Họp bất thường' });
  await clerk.page.getByLabel(/^Tên cuộc họp/).fill(title);
  await clerk.page.getByLabel(/^Ngày họp/).fill(day);
  await clerk.page.getByLabel(/^Giờ bắt đầu/).fill('14:00');
  await clerk.page.getByLabel(/^Giờ kết thúc/).fill('16:30');
  await clerk.page.getByLabel('Địa điểm').fill('Phòng họp số 2, trụ sở Huyện ủy');
  await chooseOption(clerk.page.getByLabel('Người chủ trì'), 'Trần Văn Thắng');
  await chooseOption(clerk.page.getByLabel('Thư ký (người ghi biên bản)'), 'Lê Thị Thu Hà');
  await clerk.page.getByRole('button', { name: 'Lưu dự thảo cuộc họp' }).click();
  await clerk.page.getByRole('link', { name: 'Mở cuộc họp vừa tạo' }).click();
  await expect(clerk.page.getByRole('heading', { level: 1 })).toHaveText(title);
  const meetingUrl = new URL(clerk.page.url()).pathname;

  // …adds an agenda item and a document, and invites the demo member as a guest.
  await clerk.page.goto(`${meetingUrl}/agenda`);
  await clerk.page.getByLabel(/^Nội dung/).first().fill('Báo cáo tình hình thực hiện nhiệm vụ quý IV');
  await clerk.page.getByLabel('Người trình bày').first().fill('Văn phòng Huyện ủy');
  await clerk.page.getByRole('button', { name: 'Thêm nội dung' }).click();
  await expect(clerk.page.getByText('Đã thêm nội dung vào chương trình.')).toBeVisible();
  const upload = clerk.page
    .locator('form')
    .filter({ has: clerk.page.getByRole('button', { name: 'Tải lên', exact: true }) })
    .filter({ visible: true })
    .last();
  await upload.getByLabel(/^Tệp tài liệu/).setInputFiles({ name: 'Dự thảo báo cáo quý IV.pdf', mimeType: 'application/pdf', buffer: await samplePdf() });
  await chooseOption(upload.getByLabel('Gắn với'), 'Báo cáo tình hình');
  await upload.getByRole('button', { name: 'Tải lên', exact: true }).click();
  await expect(clerk.page.getByText('Đã tải lên tài liệu.')).toBeVisible();
  await expect(clerk.page.getByText('Dự thảo báo cáo quý IV').first()).toBeVisible();

  await clerk.page.goto(meetingUrl);
  await clerk.page.getByLabel('Thư điện tử của khách mời').fill('member@quorum.local');
  await clerk.page.getByRole('button', { name: 'Thêm khách mời' }).click();
  await expect(clerk.page.getByText('Đã thêm khách mời.')).toBeVisible();

  // The secretary approves and sends the invitations.
  const secretary = await as(browser, 'secretary');
  await secretary.page.goto(meetingUrl);
  await secretary.page.getByRole('button', { name: 'Duyệt và gửi giấy mời' }).click();
  await secretary.page.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(secretary.page.getByText('Đã gửi giấy mời', { exact: true })).toBeVisible();
  await expect(secretary.page.getByRole('button', { name: 'Duyệt và gửi giấy mời' })).toHaveCount(0);

  // The member, invited as a guest, replies excused with a reason.
  const member = await as(browser, 'member');
  await member.page.goto('/notifications');
  await expect(member.page.getByText(title).first()).toBeVisible();
  await member.page.goto(meetingUrl);
  await member.page.getByLabel('Tôi xin vắng có lý do').check();
  await member.page.getByRole('button', { name: 'Gửi trả lời' }).click();
  // Wait for the answer (the field error) before typing: the form is rebuilt from the answer.
  await expect(member.page.getByText('Vui lòng nêu lý do.')).toBeVisible();
  await member.page.getByLabel(/^Lý do/).fill('Đi công tác tỉnh');
  await member.page.getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(member.page.getByText('Đã ghi nhận trả lời của bạn.')).toBeVisible();
  await secretary.page.reload();
  await expect(secretary.page.getByText('Đi công tác tỉnh').first()).toBeVisible();

  // The secretary opens the meeting, then closes it.
  await secretary.page.getByRole('button', { name: 'Bắt đầu cuộc họp' }).click();
  await secretary.page.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(secretary.page.getByText('Đang họp', { exact: true })).toBeVisible();
  await secretary.page.getByRole('button', { name: 'Kết thúc cuộc họp' }).click();
  await secretary.page.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(secretary.page.getByText('Đã kết thúc', { exact: true })).toBeVisible();

  // The minute-taker drafts the minutes; she and the clerk edit at once: the second save is refused.
  const deputy = await as(browser, 'deputy');
  await deputy.page.goto(`${meetingUrl}/minutes`);
  await deputy.page.getByRole('button', { name: 'Lập dự thảo' }).click();
  await expect(deputy.page.getByLabel('Nội dung biên bản')).toContainText('BIÊN BẢN');
  await clerk.page.goto(`${meetingUrl}/minutes`);
  await expect(clerk.page.getByLabel('Nội dung biên bản')).toContainText('BIÊN BẢN');

  await deputy.page.getByLabel('Nội dung biên bản').fill('BIÊN BẢN — bản của thư ký');
  await deputy.page.getByRole('button', { name: 'Lưu dự thảo' }).click();
  await expect(deputy.page.getByText('Đã lưu dự thảo.')).toBeVisible();
  await clerk.page.getByLabel('Nội dung biên bản').fill('BIÊN BẢN — bản của văn phòng');
  await clerk.page.getByRole('button', { name: 'Lưu dự thảo' }).click();
  await expect(clerk.page.getByText(/Người khác vừa lưu biên bản trong lúc bạn sửa/)).toBeVisible();
  await expect(clerk.page.getByLabel('Nội dung biên bản')).toHaveValue('BIÊN BẢN — bản của văn phòng'); // nothing typed is lost
  await clerk.page.reload();
  await expect(clerk.page.getByLabel('Nội dung biên bản')).toHaveValue('BIÊN BẢN — bản của thư ký');

  for (const session of [clerk, secretary, member, deputy]) await session.context.close();
});
