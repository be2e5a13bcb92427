import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import writeXlsxFile, { type Row } from 'write-excel-file/node';
import { type AttendanceStatus, type SeatStatus, attendance, bodies, bodySeats, invitations, meetings, organizations, users } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import { embedVietnameseFonts } from '@/lib/pdf/fonts';
import { AppError } from '@/lib/server/errors';
import { A4, numberPages, wrapLine } from './minutes-pdf';
import { PRESENT_STATUSES, countQuorum, isCountedMember } from './quorum';
import { formatMeetingWhen } from './time';

/** Full message keys (`statistics.export.name`, `common.seatStatus.active`, …) to text. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export type SheetRow = {
  name: string;
  title: string | null;
  isGuest: boolean;
  seatStatus: SeatStatus | null;
  counted: boolean;
  status: AttendanceStatus | null;
  reason: string | null;
};

export type AttendanceSheet = {
  organizationName: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  chairName: string | null;
  rows: SheetRow[];
  totals: { total: number; counted: number; present: number; excused: number; unexcused: number };
};

/** The body's members (seat order: leaders first, then by name) and the guests, with attendance. */
export async function loadAttendanceSheet(db: Db, meetingId: string): Promise<AttendanceSheet> {
  const chair = alias(users, 'chair');
  const [m] = await db
    .select({
      bodyId: meetings.bodyId,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      location: meetings.location,
      organizationName: organizations.name,
      chairName: chair.name,
      quorumNumerator: bodies.quorumNumerator,
      quorumDenominator: bodies.quorumDenominator,
    })
    .from(meetings)
    .innerJoin(organizations, eq(organizations.id, meetings.organizationId))
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .leftJoin(chair, eq(chair.id, meetings.chairId))
    .where(eq(meetings.id, meetingId));
  if (!m) throw new AppError('NOT_FOUND');
  const seats = await db
    .select({ userId: bodySeats.userId, title: bodySeats.title, status: bodySeats.status, name: users.name })
    .from(bodySeats)
    .innerJoin(users, eq(users.id, bodySeats.userId))
    .where(eq(bodySeats.bodyId, m.bodyId))
    .orderBy(asc(users.name));
  const marks = await db
    .select({ userId: attendance.userId, status: attendance.status, reason: attendance.reason })
    .from(attendance)
    .where(eq(attendance.meetingId, meetingId));
  const guests = await db
    .select({ userId: invitations.userId, name: users.name, reason: invitations.reason })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.meetingId, meetingId));
  const markOf = new Map(marks.map((a) => [a.userId, a]));
  const seated = new Set(seats.map((s) => s.userId));
  const rank = (title: string | null) => (title === 'Bí thư' ? 0 : title === 'Phó Bí thư' ? 1 : 2);

  const rows: SheetRow[] = [...seats]
    .sort((a, b) => rank(a.title) - rank(b.title) || a.name.localeCompare(b.name, 'vi'))
    .map((s) => {
      const mark = markOf.get(s.userId);
      return {
        name: s.name,
        title: s.title,
        isGuest: false,
        seatStatus: s.status,
        counted: isCountedMember(s.status, mark?.status),
        status: mark?.status ?? null,
        reason: mark?.reason ?? null,
      };
    });
  for (const g of guests.filter((g) => !seated.has(g.userId)).sort((a, b) => a.name.localeCompare(b.name, 'vi'))) {
    const mark = markOf.get(g.userId);
    rows.push({ name: g.name, title: null, isGuest: true, seatStatus: null, counted: false, status: mark?.status ?? null, reason: mark?.reason ?? null });
  }
  const quorum = countQuorum(seats, new Map(marks.map((a) => [a.userId, a.status])), { numerator: m.quorumNumerator, denominator: m.quorumDenominator });
  const counted = rows.filter((r) => r.counted);
  return {
    organizationName: m.organizationName,
    title: m.title,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    location: m.location,
    chairName: m.chairName,
    rows,
    totals: {
      total: seats.length,
      counted: quorum.counted,
      present: quorum.present,
      excused: counted.filter((r) => r.status === 'excused_absent').length,
      unexcused: counted.filter((r) => !r.status || r.status === 'unexcused_absent').length,
    },
  };
}

function statusText(row: SheetRow, t: Translate) {
  const attendanceLabel = row.status ? t(`statistics.attendanceStatus.${row.status}`) : t('statistics.export.notMarked');
  const base =
    row.seatStatus && row.seatStatus !== 'active' && !(row.status && PRESENT_STATUSES.includes(row.status))
      ? t(`common.seatStatus.${row.seatStatus}`)
      : attendanceLabel;
  return row.reason && row.status === 'excused_absent' ? `${base} (${row.reason})` : base;
}

function roleText(row: SheetRow, t: Translate) {
  return row.isGuest ? t('statistics.export.guest') : (row.title ?? '');
}

const COLUMNS = [
  { key: 'number', width: 34 },
  { key: 'name', width: 150 },
  { key: 'role', width: 92 },
  { key: 'status', width: 120 },
  { key: 'signature', width: 87 },
] as const;
const LEFT = 56;

/** A table fit to print and sign: No., full name, role, status, an empty signature column. */
export async function attendancePdf(sheet: AttendanceSheet, t: Translate, locale = 'vi'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = await embedVietnameseFonts(doc);
  doc.setTitle(`${t('statistics.export.heading')} — ${sheet.title}`);
  doc.setProducer('Quorum');
  const size = 11;
  const line = size * 1.3;
  let page: PDFPage = doc.addPage([A4.width, A4.height]);
  let y = A4.height - 50;

  const centred = (text: string, font: PDFFont, s: number) => {
    for (const l of wrapLine(text, font, s, A4.width - 2 * LEFT)) {
      page.drawText(l, { x: (A4.width - font.widthOfTextAtSize(l, s)) / 2, y, size: s, font });
      y -= s * 1.4;
    }
  };
  centred(t('statistics.export.party'), fonts.bold, 11);
  centred(sheet.organizationName, fonts.regular, 11);
  y -= 8;
  centred(t('statistics.export.heading'), fonts.bold, 14);
  centred(sheet.title, fonts.bold, 12);
  centred(t('statistics.export.when', { when: formatMeetingWhen(sheet.startsAt, sheet.endsAt, locale) }), fonts.regular, 11);
  if (sheet.location) centred(t('statistics.export.where', { where: sheet.location }), fonts.regular, 11);
  y -= 8;

  const cellLines = (texts: string[], font: PDFFont) => texts.map((text, i) => wrapLine(text, font, size, COLUMNS[i]!.width - 8));
  const drawRow = (texts: string[], font: PDFFont, minHeight: number, shade = false) => {
    const lines = cellLines(texts, font);
    const height = Math.max(minHeight, Math.max(...lines.map((l) => l.length)) * line + 8);
    if (y - height < 70) {
      page = doc.addPage([A4.width, A4.height]);
      y = A4.height - 50;
      drawHeader();
    }
    let x = LEFT;
    lines.forEach((cell, i) => {
      const width = COLUMNS[i]!.width;
      page.drawRectangle({ x, y: y - height, width, height, borderColor: rgb(0.2, 0.2, 0.2), borderWidth: 0.6, color: shade ? rgb(0.93, 0.93, 0.93) : undefined });
      cell.forEach((text, n) => page.drawText(text, { x: x + 4, y: y - 4 - size - n * line + 2, size, font }));
      x += width;
    });
    y -= height;
  };
  const drawHeader = () => drawRow(COLUMNS.map((c) => t(`statistics.export.${c.key}`)), fonts.bold, 22, true);
  drawHeader();
  sheet.rows.forEach((row, i) => drawRow([String(i + 1), row.name, roleText(row, t), statusText(row, t), ''], fonts.regular, 30));

  y -= 14;
  if (y < 140) {
    page = doc.addPage([A4.width, A4.height]);
    y = A4.height - 60;
  }
  for (const l of wrapLine(t('statistics.export.summary', sheet.totals), fonts.regular, size, A4.width - 2 * LEFT)) {
    page.drawText(l, { x: LEFT, y, size, font: fonts.regular });
    y -= line;
  }
  y -= 20;
  const half = (A4.width - 2 * LEFT) / 2;
  const signature = (label: string, name: string | null, column: number) => {
    const cx = LEFT + half * column + half / 2;
    page.drawText(label, { x: cx - fonts.bold.widthOfTextAtSize(label, size) / 2, y, size, font: fonts.bold });
    if (name) page.drawText(name, { x: cx - fonts.regular.widthOfTextAtSize(name, size) / 2, y: y - 70, size, font: fonts.regular });
  };
  signature(t('statistics.export.preparedBy'), null, 0);
  signature(t('statistics.export.chair'), sheet.chairName, 1);

  numberPages(doc, fonts.regular, (p, n) => t('statistics.export.page', { page: p, pages: n }));
  return doc.save();
}

/** The same list as a spreadsheet (one sheet; the signature column left empty for printing). */
export async function attendanceXlsx(sheet: AttendanceSheet, t: Translate, locale = 'vi'): Promise<Buffer> {
  const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
  const border = { borderStyle: 'thin' as const };
  const data: Row[] = [
    [bold(t('statistics.export.party'))],
    [sheet.organizationName],
    [],
    [bold(t('statistics.export.heading'))],
    [bold(sheet.title)],
    [t('statistics.export.when', { when: formatMeetingWhen(sheet.startsAt, sheet.endsAt, locale) })],
    ...(sheet.location ? [[t('statistics.export.where', { where: sheet.location })]] : []),
    [],
    COLUMNS.map((c) => ({ value: t(`statistics.export.${c.key}`), fontWeight: 'bold' as const, backgroundColor: '#EEEEEE', ...border })),
    ...sheet.rows.map((row, i): Row => [
      { value: i + 1, type: Number, ...border },
      { value: row.name, ...border },
      { value: roleText(row, t), ...border },
      { value: statusText(row, t), wrap: true, ...border },
      { value: '', height: 30, ...border },
    ]),
    [],
    [t('statistics.export.summary', sheet.totals)],
  ];
  return writeXlsxFile(data, {
    sheet: t('statistics.export.sheet'),
    columns: [{ width: 6 }, { width: 32 }, { width: 18 }, { width: 28 }, { width: 20 }],
  }).toBuffer();
}
