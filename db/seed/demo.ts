import { count } from 'drizzle-orm';
import {
  type BodyKind,
  type MembershipRole,
  type OrganizationKind,
  type SeatStatus,
  bodies,
  bodySeats,
  memberships,
  organizations,
  users,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { hashPassword } from '@/lib/auth/password';
import type { Database, Transaction } from '@/lib/db/client';
import { insertOrganization } from '@/lib/organizations/tree';
import { seedDemoArchive } from './archive';
import { seedDemoMeetings } from './meetings';
import { seedDemoResolutions } from './resolutions';
import { asciiSlug, prng, vietnameseName } from './names';

export const DEMO_PASSWORD = 'quorum-demo';
const TERM = '2025–2030';

export const DEMO_ACCOUNTS = {
  admin: { email: 'admin@quorum.local', name: 'Quản trị hệ thống' },
  secretary: { email: 'secretary@quorum.local', name: 'Trần Văn Thắng' },
  deputy: { email: 'deputy@quorum.local', name: 'Lê Thị Thu Hà' },
  clerk: { email: 'clerk@quorum.local', name: 'Phạm Minh Tuấn' },
  member: { email: 'member@quorum.local', name: 'Nguyễn Thị Hoa' },
} as const;

type Seat = { userId: string; title: string; status?: SeatStatus };

type Context = {
  tx: Transaction;
  passwordHash: string;
  random: () => number;
  emails: Set<string>;
};

async function addUser(ctx: Context, name: string, email?: string, isAdmin = false) {
  let address = email;
  if (!address) {
    const base = asciiSlug(name);
    address = `${base}@quorum.local`;
    for (let i = 2; ctx.emails.has(address); i++) address = `${base}${i}@quorum.local`;
  }
  ctx.emails.add(address);
  const [row] = await ctx.tx
    .insert(users)
    .values({ name, email: address, passwordHash: ctx.passwordHash, isAdmin })
    .returning({ id: users.id });
  return row!.id;
}

async function addOrg(ctx: Context, parentId: string | null, kind: OrganizationKind, name: string, code: string) {
  return (await insertOrganization(ctx.tx, { parentId, kind, name, code, currentTerm: TERM })).id;
}

async function addBody(ctx: Context, organizationId: string, kind: BodyKind, name: string, seats: Seat[]) {
  const [body] = await ctx.tx.insert(bodies).values({ organizationId, kind, name }).returning({ id: bodies.id });
  if (seats.length) {
    await ctx.tx
      .insert(bodySeats)
      .values(seats.map((s) => ({ bodyId: body!.id, userId: s.userId, title: s.title, status: s.status ?? 'active' })));
  }
}

async function addMemberships(ctx: Context, organizationId: string, entries: { userId: string; role: MembershipRole }[]) {
  if (entries.length) await ctx.tx.insert(memberships).values(entries.map((e) => ({ ...e, organizationId })));
}

/**
 * A committee (Tỉnh ủy, Huyện ủy, Đảng ủy) with its executive committee, standing committee and
 * (above grassroots level) standing board. `leaders` are [secretary, deputy, …] already created.
 */
async function addCommittee(
  ctx: Context,
  org: { id: string; label: string; size: number; standing: number; board: boolean },
  leaders: string[] = [],
) {
  const people = [...leaders];
  while (people.length < org.size) people.push(await addUser(ctx, vietnameseName(ctx.random)));
  const [secretary, firstDeputy, secondDeputy] = people;
  const titleOf = (i: number) => (i === 0 ? 'Bí thư' : i <= (org.board ? 2 : 1) ? 'Phó Bí thư' : 'Ủy viên');
  const standing = people.slice(0, org.standing);

  await addMemberships(ctx, org.id, [
    ...people.map((userId, i) => ({
      userId,
      role: (i === 0 ? 'secretary' : i <= (org.board ? 2 : 1) ? 'deputy_secretary' : i < org.standing ? 'standing_member' : 'committee_member') as MembershipRole,
    })),
  ]);
  // One member on temporary transfer, so later quorum counts have an exclusion to honour.
  await addBody(
    ctx,
    org.id,
    'executive_committee',
    `Ban Chấp hành ${org.label}`,
    people.map((userId, i) => ({ userId, title: titleOf(i), status: i === people.length - 1 ? 'temporarily_transferred' : 'active' })),
  );
  await addBody(ctx, org.id, 'standing_committee', `Ban Thường vụ ${org.label}`, standing.map((userId, i) => ({ userId, title: titleOf(i) })));
  if (org.board) {
    const board = [secretary, firstDeputy, secondDeputy].filter((id): id is string => Boolean(id));
    await addBody(ctx, org.id, 'standing_board', `Thường trực ${org.label}`, board.map((userId, i) => ({ userId, title: titleOf(i) })));
  }
}

async function addCell(ctx: Context, parentId: string, name: string, firstMember?: string) {
  const id = await addOrg(ctx, parentId, 'cell', name, 'CB');
  const size = 18 + Math.floor(ctx.random() * 5);
  const people = firstMember ? [firstMember] : [];
  while (people.length < size) people.push(await addUser(ctx, vietnameseName(ctx.random)));
  // The cell's own secretary and deputy are its last two members (the demo member stays ordinary).
  const secretary = people.at(-1)!;
  const deputy = people.at(-2)!;
  await addMemberships(ctx, id, [
    ...people.map((userId) => ({ userId, role: 'member' as const })),
    { userId: secretary, role: 'secretary' },
    { userId: deputy, role: 'deputy_secretary' },
  ]);
  const statusOf = (i: number): SeatStatus => (i === 3 ? 'exempted' : i === 5 && ctx.random() < 0.5 ? 'temporarily_transferred' : 'active');
  await addBody(
    ctx,
    id,
    'cell_assembly',
    `Đảng viên ${name}`,
    people.map((userId, i) => ({
      userId,
      title: userId === secretary ? 'Bí thư' : userId === deputy ? 'Phó Bí thư' : 'Đảng viên',
      status: userId === secretary || userId === deputy || userId === firstMember ? 'active' : statusOf(i),
    })),
  );
  return id;
}

/**
 * Seeds the demo organisation on an empty database; returns false when data already exists.
 * `meetings: false` leaves out the demo meetings (the unit-test template starts without them).
 */
export async function seedDemo(db: Database, options: { meetings?: boolean } = {}): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(organizations);
    if (existing!.n > 0) return false;
    const ctx: Context = { tx, passwordHash, random: prng(2025), emails: new Set() };

    const admin = await addUser(ctx, DEMO_ACCOUNTS.admin.name, DEMO_ACCOUNTS.admin.email, true);
    const secretary = await addUser(ctx, DEMO_ACCOUNTS.secretary.name, DEMO_ACCOUNTS.secretary.email);
    const deputy = await addUser(ctx, DEMO_ACCOUNTS.deputy.name, DEMO_ACCOUNTS.deputy.email);
    const clerk = await addUser(ctx, DEMO_ACCOUNTS.clerk.name, DEMO_ACCOUNTS.clerk.email);
    const member = await addUser(ctx, DEMO_ACCOUNTS.member.name, DEMO_ACCOUNTS.member.email);

    const province = await addOrg(ctx, null, 'provincial_committee', 'Tỉnh ủy Hà Nam', 'TU');
    await addCommittee(ctx, { id: province, label: 'Tỉnh ủy', size: 15, standing: 6, board: true });

    const kimBang = await addOrg(ctx, province, 'district_committee', 'Huyện ủy Kim Bảng', 'HU');
    await addCommittee(ctx, { id: kimBang, label: 'Huyện ủy', size: 13, standing: 5, board: true }, [secretary, deputy]);
    await addMemberships(ctx, kimBang, [{ userId: clerk, role: 'clerk' }]);

    const thanhLiem = await addOrg(ctx, province, 'district_committee', 'Huyện ủy Thanh Liêm', 'HU');
    await addCommittee(ctx, { id: thanhLiem, label: 'Huyện ủy', size: 11, standing: 5, board: true });

    const tanSon = await addOrg(ctx, kimBang, 'grassroots_committee', 'Đảng ủy xã Tân Sơn', 'ĐU');
    await addCommittee(ctx, { id: tanSon, label: 'Đảng ủy xã', size: 9, standing: 3, board: false });
    const thanhSon = await addOrg(ctx, kimBang, 'grassroots_committee', 'Đảng ủy xã Thanh Sơn', 'ĐU');
    await addCommittee(ctx, { id: thanhSon, label: 'Đảng ủy xã', size: 9, standing: 3, board: false });
    const liemCan = await addOrg(ctx, thanhLiem, 'grassroots_committee', 'Đảng ủy xã Liêm Cần', 'ĐU');
    await addCommittee(ctx, { id: liemCan, label: 'Đảng ủy xã', size: 9, standing: 3, board: false });

    await addCell(ctx, tanSon, 'Chi bộ thôn Đồng Tâm', member);
    await addCell(ctx, tanSon, 'Chi bộ thôn Bãi Giữa');
    await addCell(ctx, tanSon, 'Chi bộ thôn Tân Lang');
    await addCell(ctx, thanhSon, 'Chi bộ thôn Hồng Sơn');
    await addCell(ctx, thanhSon, 'Chi bộ Trường THCS Thanh Sơn');
    await addCell(ctx, liemCan, 'Chi bộ thôn Ninh Tào');

    if (options.meetings !== false) await seedDemoMeetings(tx, ctx.random);
    await seedDemoArchive(tx, { files: options.meetings !== false }); // the unit-test template stores no files
    await seedDemoResolutions(tx, { samples: options.meetings !== false });

    await recordAudit(tx, { id: admin, name: DEMO_ACCOUNTS.admin.name }, { ip: null, userAgent: 'seed' }, {
      action: 'system.demo_seeded',
      details: { users: ctx.emails.size },
    });
    return true;
  });
}
