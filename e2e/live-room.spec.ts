import { type Browser, type Page, expect, test } from '@playwright/test';
import { signIn, signedInPage, queryE2eDb } from './support';

// The live meeting room: the chair moves through the agenda and every tablet follows within a
// second (Server-Sent Events fanned out through LISTEN/NOTIFY); members ask to speak and the chair
// gives the floor in order. The meeting is created in the e2e database directly, already in
// progress, so the spec depends only on the room itself.

const CELL = 'Chi bộ thôn Đồng Tâm';
const ITEMS = ['Báo cáo kết quả công tác tháng', 'Thảo luận phương hướng tháng tới', 'Kết luận của Bí thư'];

async function liveMeeting() {
  const [cell] = await queryE2eDb<{ org: string; body: string }>(
    `select o.id as org, b.id as body from organizations o join bodies b on b.organization_id = o.id and b.kind = 'cell_assembly' where o.name = $1`,
    [CELL],
  );
  const [chair] = await queryE2eDb<{ id: string; email: string; name: string }>(
    `select u.id, u.email, u.name from users u join memberships m on m.user_id = u.id and m.role = 'secretary' where m.organization_id = $1`,
    [cell!.org],
  );
  // Another ordinary member of the cell (not a shared demo account), counted for the quorum.
  const [second] = await queryE2eDb<{ id: string; email: string; name: string }>(
    `select u.id, u.email, u.name from users u
       join body_seats s on s.user_id = u.id and s.body_id = $1 and s.status = 'active'
       join memberships m on m.user_id = u.id and m.organization_id = $2 and m.role = 'member'
      where u.email <> 'member@quorum.local' and u.id <> $3
        and not exists (select 1 from memberships x where x.user_id = u.id and x.role <> 'member')
      order by u.email limit 1`,
    [cell!.body, cell!.org, chair!.id],
  );
  // A free slot for this body: meetings of one body may not overlap.
  const [{ start }] = (await queryE2eDb<{ start: string }>(
    `select (coalesce(max(ends_at), now()) + interval '1 day')::text as start from meetings where body_id = $1`,
    [cell!.body],
  )) as [{ start: string }];
  const [meeting] = await queryE2eDb<{ id: string }>(
    `insert into meetings (organization_id, body_id, kind, title, starts_at, ends_at, chair_id, minute_taker_id, status, started_at)
     values ($1, $2, 'regular', 'Sinh hoạt chi bộ (phòng họp trực tiếp)', $3::timestamptz, $3::timestamptz + interval '3 hours', $4, $4, 'in_progress', now())
     returning id`,
    [cell!.org, cell!.body, start, chair!.id],
  );
  for (const [i, title] of ITEMS.entries()) {
    await queryE2eDb(`insert into agenda_items (meeting_id, position, title, kind, planned_minutes) values ($1, $2, $3, 'report', 10)`, [
      meeting!.id,
      i + 1,
      title,
    ]);
  }
  await queryE2eDb(`insert into invitations (meeting_id, user_id) select $1, user_id from body_seats where body_id = $2`, [meeting!.id, cell!.body]);
  return { id: meeting!.id, chair: chair!, second: second! };
}

async function openAs(browser: Browser, email: string) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Xin chào');
  return { context, page };
}

async function enterRoom(page: Page, meetingId: string) {
  await page.goto(`/meetings/${meetingId}/room`);
  await expect(page.getByRole('status').filter({ hasText: 'Đang cập nhật trực tiếp' })).toBeVisible();
}

test.describe('live meeting room', () => {
  test('two members follow the chair within a second, and ask to speak in order', async ({ browser }) => {
    const meeting = await liveMeeting();
    const chair = await openAs(browser, meeting.chair.email);
    const first = await signedInPage(browser, 'member');
    const second = await openAs(browser, meeting.second.email);
    await Promise.all([enterRoom(chair.page, meeting.id), enterRoom(first.page, meeting.id), enterRoom(second.page, meeting.id)]);

    const members = [first.page, second.page];
    for (const page of members) await expect(page.getByTestId('current-item')).toHaveText('Chủ trì chưa bắt đầu chương trình họp.');

    // The chair starts the agenda, then moves on: both tablets follow within a second.
    await chair.page.getByRole('button', { name: 'Bắt đầu nội dung đầu tiên' }).click();
    for (const page of members) await expect(page.getByTestId('current-item')).toHaveText(ITEMS[0]!, { timeout: 1_000 });
    await chair.page.getByRole('button', { name: 'Nội dung tiếp theo' }).click();
    for (const page of members) {
      await expect(page.getByTestId('current-item')).toHaveText(ITEMS[1]!, { timeout: 1_000 });
      await expect(page.getByText('Nội dung 2/3')).toBeVisible();
      await expect(page.getByRole('timer', { name: 'Thời gian đã qua' })).toBeVisible();
    }

    // Check-in moves the quorum indicator on the chair's tablet.
    const before = await chair.page.getByTestId('quorum-summary').textContent();
    await first.page.getByRole('button', { name: 'Tôi có mặt' }).click();
    await expect(first.page.getByTestId('my-attendance')).toHaveText('Bạn đã điểm danh: Có mặt');
    await expect(chair.page.getByTestId('quorum-summary')).not.toHaveText(before!, { timeout: 1_000 });
    await expect(chair.page.getByTestId('quorum-summary')).toContainText(/^Có mặt 1\/\d+ — không đủ số lượng \(cần \d+\)$/);

    // Both ask to speak; the queue keeps the order of asking on every tablet.
    await first.page.getByRole('button', { name: 'Đăng ký phát biểu' }).click();
    await expect(first.page.getByText('Bạn đang chờ lượt thứ 1')).toBeVisible();
    await second.page.getByRole('button', { name: 'Đăng ký phát biểu' }).click();
    await expect(second.page.getByText('Bạn đang chờ lượt thứ 2')).toBeVisible();
    for (const page of [chair.page, ...members]) {
      await expect(page.getByTestId('speaker-queue').getByRole('listitem')).toHaveText([
        /Nguyễn Thị Hoa/,
        new RegExp(meeting.second.name),
      ]);
    }

    // The chair gives the floor to the first who asked; the timer runs on every tablet.
    await chair.page.getByRole('button', { name: 'Mời phát biểu: Nguyễn Thị Hoa' }).click();
    await expect(first.page.getByText('Mời bạn phát biểu')).toBeVisible({ timeout: 1_000 });
    await expect(second.page.getByTestId('current-speaker')).toHaveText('Nguyễn Thị Hoa', { timeout: 1_000 });
    await expect(second.page.getByText('Bạn đang chờ lượt thứ 1')).toBeVisible();

    // The second withdraws; the chair ends the speech.
    await second.page.getByRole('button', { name: 'Rút đăng ký' }).click();
    await expect(chair.page.getByText('Chưa có ai đăng ký phát biểu.')).toBeVisible({ timeout: 1_000 });
    await chair.page.getByRole('button', { name: 'Kết thúc phát biểu' }).click();
    await expect(first.page.getByTestId('current-speaker')).toHaveCount(0, { timeout: 1_000 });

    // A member has no chair controls, and the server refuses them anyway (see the action tests).
    await expect(first.page.getByRole('button', { name: 'Nội dung tiếp theo' })).toHaveCount(0);
    await chair.page.screenshot({ path: 'e2e/screenshots/live-room-chair-tablet.png', fullPage: true });
    await first.page.setViewportSize({ width: 390, height: 844 });
    await first.page.screenshot({ path: 'e2e/screenshots/live-room-member-phone.png', fullPage: true });

    // A tablet that loses its connection catches up when it comes back.
    await second.context.setOffline(true);
    await chair.page.getByRole('button', { name: 'Nội dung tiếp theo' }).click();
    await expect(first.page.getByTestId('current-item')).toHaveText(ITEMS[2]!, { timeout: 1_000 });
    await second.context.setOffline(false);
    await expect(second.page.getByTestId('current-item')).toHaveText(ITEMS[2]!, { timeout: 15_000 });

    await Promise.all([chair.context.close(), first.context.close(), second.context.close()]);
  });
});
