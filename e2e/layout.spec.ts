import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { type Role, queryE2eDb, storageStateOf } from './support';

/**
 * Every page at tablet (1024×768) and phone (390×844) size: no horizontal overflow, every control
 * at least 44 px tall, no serious accessibility violation (axe, WCAG 2.1 A/AA), and a full-page
 * screenshot in e2e/screenshots/ for a person to look at.
 */
const VIEWPORTS = [
  { name: 'tablet', width: 1024, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const PAGES: { role: Role | 'anonymous'; path: string; name: string }[] = [
  { role: 'anonymous', path: '/login', name: 'login' },
  { role: 'member', path: '/', name: 'home-member' },
  { role: 'secretary', path: '/', name: 'home-secretary' },
  { role: 'admin', path: '/', name: 'home-admin' },
  { role: 'clerk', path: '/account', name: 'account' },
  { role: 'secretary', path: '/organizations', name: 'organizations' },
  { role: 'secretary', path: '/organizations/{memberCell}', name: 'organization-cell' },
  { role: 'secretary', path: '/audit', name: 'audit' },
  { role: 'admin', path: '/admin/users', name: 'admin-users' },
  { role: 'admin', path: '/admin/users/{memberUser}', name: 'admin-user' },
  { role: 'admin', path: '/admin/organizations', name: 'admin-organizations' },
  { role: 'admin', path: '/admin/organizations/{memberCell}', name: 'admin-organization' },
  { role: 'admin', path: '/admin/security', name: 'admin-security' },
  { role: 'member', path: '/admin/users', name: 'not-found' },
  { role: 'member', path: '/meetings', name: 'meetings-member' },
  { role: 'clerk', path: '/meetings', name: 'meetings-clerk' },
  { role: 'clerk', path: '/meetings/new', name: 'meeting-new' },
  { role: 'member', path: '/meetings/{upcomingCellMeeting}', name: 'meeting-member' },
  { role: 'secretary', path: '/meetings/{districtDraftMeeting}', name: 'meeting-district-draft' },
  { role: 'clerk', path: '/meetings/{districtDraftMeeting}/agenda', name: 'meeting-agenda' },
  { role: 'member', path: '/meetings/{upcomingCellMeeting}/pack', name: 'meeting-pack' },
  { role: 'member', path: '/meetings/{upcomingCellMeeting}/room', name: 'meeting-room' },
  { role: 'secretary', path: '/meetings/{approvedMinutesMeeting}/minutes', name: 'meeting-minutes' },
  { role: 'clerk', path: '/programmes', name: 'programmes' },
  { role: 'clerk', path: '/programmes/{districtProgramme}', name: 'programme' },
  { role: 'secretary', path: '/statistics/attendance', name: 'statistics' },
  { role: 'member', path: '/notifications', name: 'notifications' },
  { role: 'member', path: '/votes', name: 'votes-member' },
  { role: 'clerk', path: '/votes/new', name: 'vote-new' },
  { role: 'member', path: '/votes/{cellWrittenQuestion}', name: 'vote-written-question' },
  { role: 'member', path: '/votes/{cellClosedBallot}', name: 'vote-closed-ballot' },
  { role: 'clerk', path: '/resolutions', name: 'resolutions' },
  { role: 'clerk', path: '/resolutions/new', name: 'resolution-new' },
  { role: 'member', path: '/resolutions/{issuedCellResolution}', name: 'resolution' },
  { role: 'secretary', path: '/resolutions/settings', name: 'resolution-settings' },
  { role: 'member', path: '/archive', name: 'archive-empty-query' },
  { role: 'member', path: '/archive?q=nghi+quyet', name: 'archive-search' },
  { role: 'clerk', path: '/archive/new', name: 'archive-new' },
  { role: 'member', path: '/archive/{archiveRecord}', name: 'archive-record' },
  { role: 'secretary', path: '/archive/disposals', name: 'archive-disposals' },
];

async function samples() {
  const one = async (text: string) => (await queryE2eDb<{ id: string }>(text))[0]!.id;
  const cell = `(select id from organizations where name = 'Chi bộ thôn Đồng Tâm')`;
  return {
    memberCell: await one(`select id from organizations where name = 'Chi bộ thôn Đồng Tâm'`),
    memberUser: await one(`select id from users where email = 'member@quorum.local'`),
    upcomingCellMeeting: await one(`select id from meetings where organization_id = ${cell} and status = 'invited'`),
    districtDraftMeeting: await one(`select id from meetings where status = 'draft' order by starts_at limit 1`),
    approvedMinutesMeeting: await one(`select meeting_id as id from minutes where status = 'approved' limit 1`),
    districtProgramme: await one(`select id from work_programmes limit 1`),
    cellWrittenQuestion: await one(`select id from ballots where organization_id = ${cell} and meeting_id is null and status = 'open' limit 1`),
    cellClosedBallot: await one(`select id from ballots where organization_id = ${cell} and meeting_id is not null and status = 'closed' limit 1`),
    issuedCellResolution: await one(`select id from resolutions where organization_id = ${cell} and status = 'issued' order by number limit 1`),
    archiveRecord: await one(`select id from archive_records where number_symbol = '03-NQ/CB' and organization_id = ${cell}`),
  };
}

for (const viewport of VIEWPORTS) {
  test.describe(`layout at ${viewport.name} size`, () => {
    for (const entry of PAGES) {
      test(`${entry.name}`, async ({ browser }) => {
        const ids = await samples();
        const context = await browser.newContext({
          viewport: { width: viewport.width, height: viewport.height },
          storageState: entry.role === 'anonymous' ? undefined : storageStateOf(entry.role),
        });
        const page = await context.newPage();
        await page.goto(entry.path.replace(/\{(\w+)\}/g, (_, key: keyof typeof ids) => ids[key]));
        await page.waitForLoadState('load');
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: `e2e/screenshots/${entry.name}-${viewport.name}.png`, fullPage: true });

        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);

        const small = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('button, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, summary, nav a')]
            .filter((el) => el.offsetParent !== null)
            // A visually hidden file input is operated through its label: measure the label instead.
            .map((el) => (el.classList.contains('sr-only') && el.id ? (document.querySelector<HTMLElement>(`label[for="${el.id}"]`) ?? el) : el))
            .map((el) => ({ el: el.outerHTML.slice(0, 80), h: el.getBoundingClientRect().height }))
            .filter((c) => c.h < 43.5),
        );
        expect(small, 'controls under 44 px').toEqual([]);

        const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        const serious = axe.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        expect(serious, 'serious accessibility violations').toEqual([]);
        await context.close();
      });
    }
  });
}
