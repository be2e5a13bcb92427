import { TransactionRollbackError, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { TEST_META, viewerFor } from '@/lib/test/fixtures';
import { parseAuditFilters } from './filters';
import { auditOrganizations, listAuditEvents } from './queries';
import { recordAudit } from './record';

const ORGS = {
  province: 'Tỉnh ủy Hà Nam',
  kimBang: 'Huyện ủy Kim Bảng',
  tanSon: 'Đảng ủy xã Tân Sơn',
  dongTam: 'Chi bộ thôn Đồng Tâm',
  thanhLiem: 'Huyện ủy Thanh Liêm',
  ninhTao: 'Chi bộ thôn Ninh Tào',
} as const;

const orgId: Record<keyof typeof ORGS, string> = {} as never;
let secretary: Viewer;
let deputy: Viewer;
let clerk: Viewer;
let member: Viewer;
let admin: Viewer;

async function log(action: string, org: keyof typeof ORGS | null, actorName = 'Trần Văn Thắng') {
  await recordAudit(getDb(), { id: '00000000-0000-4000-8000-000000000002', name: actorName }, TEST_META, {
    action,
    organizationId: org ? orgId[org] : null,
    entityType: 'test',
    entityId: org ?? 'none',
    details: { org },
  });
}

beforeAll(async () => {
  // The demo seed writes audit rows of its own (archive records): drop those tied to an organisation so the
  // expectations below count only this file's rows. The trigger refuses DELETE, hence replica mode.
  await getDb().transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(sql`DELETE FROM audit_events WHERE organization_id IS NOT NULL`);
  });
  for (const [key, name] of Object.entries(ORGS) as [keyof typeof ORGS, string][]) {
    const [row] = await getDb().select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
    orgId[key] = row!.id;
  }
  secretary = await viewerFor('secretary@quorum.local');
  deputy = await viewerFor('deputy@quorum.local');
  clerk = await viewerFor('clerk@quorum.local');
  member = await viewerFor('member@quorum.local');
  admin = await viewerFor('admin@quorum.local');
  await log('meeting.opened', 'kimBang');
  await log('meeting.opened', 'tanSon', 'Lê Thị Thu Hà');
  await log('document.uploaded', 'dongTam', 'Nguyễn Thị Hoa');
  await log('meeting.opened', 'thanhLiem', 'Đỗ Đức Anh');
  await log('document.uploaded', 'ninhTao', 'Đỗ Đức Anh');
  await log('meeting.opened', 'province', 'Đỗ Đức Anh');
  await log('account.password_changed', null, 'Trần Văn Thắng');
  await log('meeting_x', 'kimBang', 'Phạm 100% Tuấn');
});

const orgsOf = (events: { entityId: string | null }[]) => events.map((e) => e.entityId);

describe('who reads which audit rows', () => {
  it('gives the district secretary the rows of their district and its subtree only', async () => {
    const { events } = await listAuditEvents(getDb(), secretary);
    expect(orgsOf(events).sort()).toEqual(['dongTam', 'kimBang', 'kimBang', 'tanSon']);
    const deputyRows = await listAuditEvents(getDb(), deputy);
    expect(orgsOf(deputyRows.events).sort()).toEqual(['dongTam', 'kimBang', 'kimBang', 'tanSon']);
  });

  it('gives a plain member and the office clerk nothing', async () => {
    expect((await listAuditEvents(getDb(), member)).events).toEqual([]);
    expect((await listAuditEvents(getDb(), clerk)).events).toEqual([]);
    expect(await auditOrganizations(getDb(), member)).toEqual([]);
  });

  it('gives the administrator every row, also those tied to no organisation', async () => {
    const { events } = await listAuditEvents(getDb(), admin);
    const ids = orgsOf(events);
    expect(ids).toEqual(expect.arrayContaining(['kimBang', 'thanhLiem', 'ninhTao', 'province', 'none']));
    expect(events.some((e) => e.action === 'system.demo_seeded')).toBe(true);
  });

  it('lists the organisations the filter may offer, in the same scope', async () => {
    const names = (await auditOrganizations(getDb(), secretary)).map((o) => o.name);
    expect(names[0]).toBe(ORGS.kimBang);
    expect(names).toContain(ORGS.dongTam);
    expect(names).not.toContain(ORGS.thanhLiem);
    expect(names).not.toContain(ORGS.province);
    expect((await auditOrganizations(getDb(), admin)).length).toBeGreaterThan(names.length);
  });

  it('never hands hashes to pages, only a short prefix', async () => {
    const { events } = await listAuditEvents(getDb(), admin);
    const event = events[0]!;
    expect(Object.keys(event)).not.toContain('hash');
    expect(Object.keys(event)).not.toContain('prevHash');
    expect(event.hashPrefix).toMatch(/^[0-9a-f]{12}$/);
    expect(event.ip).toBe('127.0.0.1');
  });
});

describe('audit filters', () => {
  it('match an action by prefix, with LIKE wildcards taken literally', async () => {
    const { events } = await listAuditEvents(getDb(), secretary, { action: 'meeting.' });
    expect(orgsOf(events).sort()).toEqual(['kimBang', 'tanSon']);
    const underscore = await listAuditEvents(getDb(), admin, { action: 'meeting_' });
    expect(underscore.events.map((e) => e.action)).toEqual(['meeting_x']);
    expect((await listAuditEvents(getDb(), admin, { action: '%' })).events).toEqual([]);
  });

  it('match the actor by part of the name, ignoring case and diacritics', async () => {
    for (const actor of ['thang', 'THẮNG', 'Trần Văn', 'tran van thang']) {
      const { events } = await listAuditEvents(getDb(), secretary, { actor });
      expect(orgsOf(events)).toEqual(['kimBang']);
    }
    const d = await listAuditEvents(getDb(), admin, { actor: 'do duc' });
    expect(orgsOf(d.events).sort()).toEqual(['ninhTao', 'province', 'thanhLiem']);
    expect(orgsOf((await listAuditEvents(getDb(), admin, { actor: '100%' })).events)).toEqual(['kimBang']);
    expect((await listAuditEvents(getDb(), admin, { actor: '%' })).events).toHaveLength(1);
  });

  it('match one organisation, and stay inside the scope when it is another district', async () => {
    expect(orgsOf((await listAuditEvents(getDb(), secretary, { organizationId: orgId.tanSon })).events)).toEqual(['tanSon']);
    expect((await listAuditEvents(getDb(), secretary, { organizationId: orgId.thanhLiem })).events).toEqual([]);
    expect(orgsOf((await listAuditEvents(getDb(), admin, { organizationId: orgId.thanhLiem })).events)).toEqual(['thanhLiem']);
  });

  it('take whole days in Vietnam time', async () => {
    const { rows } = await getDb().execute<{ today: string; yesterday: string; tomorrow: string }>(sql`
      SELECT to_char(d, 'YYYY-MM-DD') AS today, to_char(d - 1, 'YYYY-MM-DD') AS yesterday, to_char(d + 1, 'YYYY-MM-DD') AS tomorrow
      FROM (SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS d) t`);
    const { today, yesterday, tomorrow } = rows[0]!;
    expect((await listAuditEvents(getDb(), secretary, { from: today, to: today })).events).toHaveLength(4);
    expect((await listAuditEvents(getDb(), secretary, { to: yesterday })).events).toEqual([]);
    expect((await listAuditEvents(getDb(), secretary, { from: tomorrow })).events).toEqual([]);

    // Around midnight in Hanoi (UTC+7): 23:30 on 1 March and 00:30 on 2 March, local time.
    const days: (string | null)[][] = [];
    try {
      await getDb().transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL session_replication_role = replica`);
        await tx.execute(sql`UPDATE audit_events SET occurred_at = '2025-03-01 16:30:00Z' WHERE entity_id = 'tanSon'`);
        await tx.execute(sql`UPDATE audit_events SET occurred_at = '2025-03-01 17:30:00Z' WHERE entity_id = 'dongTam'`);
        for (const day of ['2025-02-28', '2025-03-01', '2025-03-02']) {
          days.push(orgsOf((await listAuditEvents(tx, secretary, { from: day, to: day })).events));
        }
        tx.rollback();
      });
    } catch (error) {
      if (!(error instanceof TransactionRollbackError)) throw error;
    }
    expect(days).toEqual([[], ['tanSon'], ['dongTam']]);
  });

  it('page newest first with a before cursor, and back with an after cursor', async () => {
    const all = (await listAuditEvents(getDb(), admin)).events.map((e) => e.id);
    const first = await listAuditEvents(getDb(), admin, {}, { pageSize: 3 });
    expect(first.events.map((e) => e.id)).toEqual(all.slice(0, 3));
    expect(first.newerAfter).toBeNull();
    const second = await listAuditEvents(getDb(), admin, { before: first.olderBefore! }, { pageSize: 3 });
    expect(second.events.map((e) => e.id)).toEqual(all.slice(3, 6));
    expect(second.newerAfter).toBe(all[3]);
    const back = await listAuditEvents(getDb(), admin, { after: second.newerAfter! }, { pageSize: 3 });
    expect(back.events.map((e) => e.id)).toEqual(all.slice(0, 3));
    expect(back.newerAfter).toBeNull();
    expect(back.olderBefore).toBe(all[2]);

    let cursor: number | null = null;
    const seen: number[] = [];
    do {
      const page: Awaited<ReturnType<typeof listAuditEvents>> = await listAuditEvents(
        getDb(),
        admin,
        cursor === null ? {} : { before: cursor },
        { pageSize: 4 },
      );
      seen.push(...page.events.map((e) => e.id));
      cursor = page.olderBefore;
    } while (cursor !== null);
    expect(seen).toEqual(all);
  });
});

describe('parseAuditFilters', () => {
  it('keeps valid fields, drops empty ones and names the invalid ones', () => {
    expect(
      parseAuditFilters({
        action: ' auth ',
        actor: '',
        org: 'not-a-uuid',
        from: '2025-02-30',
        to: '2025-03-01',
        before: ['12', '13'],
        after: '-1',
      }),
    ).toEqual({ filters: { action: 'auth', to: '2025-03-01', before: 12 }, invalid: ['org', 'from', 'after'] });
  });

  it('refuses an end day before the start day', () => {
    expect(parseAuditFilters({ from: '2025-03-02', to: '2025-03-01' })).toEqual({
      filters: { from: '2025-03-02' },
      invalid: ['to'],
    });
  });
});
