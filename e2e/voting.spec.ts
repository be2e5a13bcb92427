import { type Browser, type Page, expect, test } from '@playwright/test';
import { queryE2eDb, signIn } from './support';

// Votes in the live room: the chair opens a vote on a decision item, three members vote from
// their own tablets (three browser contexts), the chair sees progress but no tally, and on close
// the result reaches every tablet. Then a secret election end to end. The meeting is inserted in
// progress, with the chair and three members checked in, so the spec depends only on voting.

const CELL = 'Chi bộ thôn Đồng Tâm';
const DECISION = 'Thông qua nghị quyết chuyên đề';
const ELECTION = 'Bầu đại biểu dự Đại hội Đảng bộ xã';

async function liveMeeting() {
  const [cell] = await queryE2eDb<{ org: string; body: string }>(
    `select o.id as org, b.id as body from organizations o join bodies b on b.organization_id = o.id and b.kind = 'cell_assembly' where o.name = $1`,
    [CELL],
  );
  const [chair] = await queryE2eDb<{ id: string; email: string }>(
    `select u.id, u.email from users u join memberships m on m.user_id = u.id and m.role = 'secretary' where m.organization_id = $1`,
    [cell!.org],
  );
  // Three ordinary members with active seats (not shared demo accounts), who vote.
  const voters = await queryE2eDb<{ id: string; email: string }>(
    `select u.id, u.email from users u
       join body_seats s on s.user_id = u.id and s.body_id = $1 and s.status = 'active'
      where u.id <> $2 and u.email <> 'member@quorum.local'
        and not exists (select 1 from memberships x where x.user_id = u.id and x.role <> 'member')
      order by u.email desc limit 3`,
    [cell!.body, chair!.id],
  );
  const [{ start }] = (await queryE2eDb<{ start: string }>(
    `select (coalesce(max(ends_at), now()) + interval '1 day')::text as start from meetings where body_id = $1`,
    [cell!.body],
  )) as [{ start: string }];
  const [meeting] = await queryE2eDb<{ id: string }>(
    `insert into meetings (organization_id, body_id, kind, title, starts_at, ends_at, chair_id, minute_taker_id, status, started_at)
     values ($1, $2, 'thematic', 'Sinh hoạt chi bộ chuyên đề (biểu quyết)', $3::timestamptz, $3::timestamptz + interval '3 hours', $4, $4, 'in_progress', now())
     returning id`,
    [cell!.org, cell!.body, start, chair!.id],
  );
  await queryE2eDb(`insert into agenda_items (meeting_id, position, title, kind) values ($1, 1, $2, 'decision'), ($1, 2, $3, 'election')`, [
    meeting!.id,
    DECISION,
    ELECTION,
  ]);
  await queryE2eDb(`insert into invitations (meeting_id, user_id) select $1, user_id from body_seats where body_id = $2`, [meeting!.id, cell!.body]);
  await queryE2eDb(`insert into attendance (meeting_id, user_id, status) select $1, unnest($2::uuid[]), 'present'`, [
    meeting!.id,
    [chair!.id, ...voters.map((v) => v.id)],
  ]);
  return { id: meeting!.id, chair: chair!, voters };
}

async function enterRoom(browser: Browser, email: string, meetingId: string) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Xin chào');
  await page.goto(`/meetings/${meetingId}/room`);
  await expect(page.getByRole('status').filter({ hasText: 'Đang cập nhật trực tiếp' })).toBeVisible();
  return { context, page };
}

const panel = (page: Page) => page.getByTestId('ballot-panel');

/** Tablet and phone screenshots of the room, for a person to look at (e2e/screenshots/). */
async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${name}-tablet.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `e2e/screenshots/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1024, height: 768 });
}

test.describe('votes in the live room', () => {
  test('the chair opens a vote, three members vote, the result appears on every tablet after close; then a secret election', async ({ browser }) => {
    test.setTimeout(120_000);
    const meeting = await liveMeeting();
    const chair = await enterRoom(browser, meeting.chair.email, meeting.id);
    const members = await Promise.all(meeting.voters.map((v) => enterRoom(browser, v.email, meeting.id)));
    const everyone = [chair.page, ...members.map((m) => m.page)];

    // ── a named vote on the decision item ──
    const open = panel(chair.page).getByRole('form', { name: 'Mở biểu quyết' });
    await open.getByLabel('Nội dung', { exact: true }).selectOption({ label: DECISION });
    await open.getByLabel('Hình thức').selectOption({ label: 'Biểu quyết công khai' });
    await open.getByRole('button', { name: 'Bắt đầu biểu quyết' }).click();
    for (const page of everyone) await expect(panel(page).getByTestId('ballot-question')).toHaveText(DECISION);
    await expect(panel(chair.page).getByTestId('ballot-progress')).toHaveText('0 trên 4 đã biểu quyết');
    await shoot(members[0]!.page, 'room-named-vote');

    const choices = ['Tán thành', 'Tán thành', 'Không tán thành'];
    for (const [i, { page }] of members.entries()) {
      await panel(page).getByRole('button', { name: choices[i]!, exact: true }).click();
      await expect(panel(page).getByTestId('you-voted')).toContainText(`Đồng chí đã chọn: ${choices[i]}`);
    }
    // The chair sees how many have voted, not how.
    await expect(panel(chair.page).getByTestId('ballot-progress')).toHaveText('3 trên 4 đã biểu quyết');
    await expect(panel(chair.page).getByTestId('ballot-result')).toHaveCount(0);
    await expect(panel(chair.page)).toContainText('Kết quả chỉ được công bố khi kết thúc biểu quyết.');

    await panel(chair.page).getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    // 2 agree of all counted members of the cell is not a majority: not passed, on every tablet.
    for (const page of everyone) {
      await expect(panel(page).getByTestId('ballot-verdict')).toHaveText('✕Không thông qua');
      await expect(panel(page).getByTestId('ballot-result')).toContainText('Tán thành 2/');
    }

    // ── a secret election ──
    await open.getByLabel('Nội dung', { exact: true }).selectOption({ label: ELECTION });
    await open.getByLabel('Hình thức').selectOption({ label: 'Bầu cử (bỏ phiếu kín)' });
    await open.getByLabel('Danh sách ứng cử viên (mỗi dòng một người)').fill('Nguyễn Văn An\nTrần Thị Bình\nLê Văn Cường\nPhạm Thị Dung\nHoàng Văn Em');
    await open.getByLabel('Số người được bầu').fill('4');
    await open.getByRole('button', { name: 'Bắt đầu biểu quyết' }).click();
    for (const page of everyone) await expect(panel(page).getByTestId('ballot-question')).toHaveText(ELECTION);
    await panel(members[0]!.page).getByRole('checkbox', { name: 'Lê Văn Cường' }).check();
    await shoot(members[0]!.page, 'room-election');
    await panel(members[0]!.page).getByRole('checkbox', { name: 'Lê Văn Cường' }).uncheck();

    const ticks = [['Nguyễn Văn An', 'Trần Thị Bình'], ['Nguyễn Văn An', 'Lê Văn Cường'], ['Nguyễn Văn An']];
    for (const [i, { page }] of members.entries()) {
      for (const name of ticks[i]!) await panel(page).getByRole('checkbox', { name }).check();
      await panel(page).getByRole('button', { name: 'Gửi phiếu bầu' }).click();
      await expect(panel(page).getByTestId('you-voted')).toHaveText('Đồng chí đã biểu quyết.');
    }
    await expect(panel(chair.page).getByTestId('ballot-progress')).toHaveText('3 trên 4 đã biểu quyết');
    await panel(chair.page).getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    for (const page of everyone) {
      const result = panel(page).getByTestId('ballot-result');
      await expect(result).toContainText('Phiếu hợp lệ: 3.');
      await expect(result.getByRole('listitem').filter({ hasText: 'Nguyễn Văn An' })).toContainText('Trúng cử');
      await expect(result.getByRole('listitem').filter({ hasText: 'Trần Thị Bình' })).toContainText('Không trúng cử');
    }

    // Stored: who voted, and per-candidate sums, with nothing linking the two.
    const [ballot] = await queryE2eDb<{ id: string }>(`select id from ballots where meeting_id = $1 and kind = 'election'`, [meeting.id]);
    const named = await queryE2eDb(`select 1 from named_votes where ballot_id = $1`, [ballot!.id]);
    expect(named).toHaveLength(0);
    const participation = await queryE2eDb(`select user_id from ballot_participation where ballot_id = $1`, [ballot!.id]);
    expect(participation).toHaveLength(3);
    const sums = await queryE2eDb<{ votes: number }>(`select votes from secret_tallies where ballot_id = $1 order by votes desc`, [ballot!.id]);
    expect(sums.map((s) => s.votes)).toEqual([3, 1, 1, 0, 0]);

    // The meeting page lists both results.
    await chair.page.goto(`/meetings/${meeting.id}`);
    await expect(chair.page.getByTestId('meeting-ballots').getByTestId('ballot-result')).toHaveCount(2);

    for (const { context } of [chair, ...members]) await context.close();
  });
});
