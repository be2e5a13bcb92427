import 'server-only';
import { PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import writeXlsxFile, { type Row } from 'write-excel-file/node';
import type { Db } from '@/lib/db/client';
import { A4, numberPages, wrapLine } from '@/lib/meetings/minutes-pdf';
import { MEETING_TIME_ZONE } from '@/lib/meetings/time';
import { embedVietnameseFonts } from '@/lib/pdf/fonts';
import type { BallotView } from './queries';
import { voterList } from './queries';

/** Full message keys (`votes.sheet.heading`, …) to text. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export function formatInstant(iso: string, locale = 'vi') {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'vi-VN', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: MEETING_TIME_ZONE,
  }).format(new Date(iso));
}

/**
 * The eligibility snapshot with participation, as a spreadsheet; for named votes of a closed
 * ballot, who chose what. Secret ballots never have a choice column (there is nothing to show).
 */
export async function voterListXlsx(db: Db, ballot: BallotView, t: Translate): Promise<Buffer> {
  const withChoices = ballot.kind === 'named' && ballot.status === 'closed';
  const rows = await voterList(db, ballot.id, withChoices);
  const border = { borderStyle: 'thin' as const };
  const headers = ['number', 'name', 'attendance', 'mayVote', 'voted', ...(withChoices ? ['choice'] : [])];
  const yesNo = (v: boolean) => t(v ? 'votes.export.yes' : 'votes.export.no');
  const data: Row[] = [
    [{ value: ballot.organizationName, fontWeight: 'bold' }],
    [{ value: ballot.question, fontWeight: 'bold' }],
    [t(`votes.kinds.${ballot.kind}`)],
    [],
    headers.map((key) => ({ value: t(`votes.export.${key}`), fontWeight: 'bold' as const, backgroundColor: '#EEEEEE', ...border })),
    ...rows.map((row, i): Row => [
      { value: i + 1, type: Number, ...border },
      { value: row.name, ...border },
      { value: row.attendance ? t(`votes.attendance.${row.attendance}`) : ballot.meetingId ? t('votes.export.notMarked') : '', ...border },
      { value: yesNo(row.mayVote), ...border },
      { value: yesNo(row.voted), ...border },
      ...(withChoices ? [{ value: row.choice ? t(`votes.choices.${row.choice}`) : '', ...border }] : []),
    ]),
  ];
  return writeXlsxFile(data, {
    sheet: t('votes.export.sheet'),
    columns: [{ width: 6 }, { width: 32 }, { width: 20 }, { width: 16 }, { width: 14 }, ...(withChoices ? [{ width: 18 }] : [])],
  }).toBuffer();
}

const LEFT = 60;

/** Biên bản kiểm phiếu: the count of a closed ballot, to print and sign. */
export async function countSheetPdf(ballot: BallotView, t: Translate, locale = 'vi'): Promise<Uint8Array> {
  const result = ballot.result!;
  const doc = await PDFDocument.create();
  const fonts = await embedVietnameseFonts(doc);
  doc.setTitle(`${t('votes.sheet.heading')} — ${ballot.question}`);
  doc.setProducer('Quorum');
  const size = 12;
  const line = size * 1.4;
  let page: PDFPage = doc.addPage([A4.width, A4.height]);
  let y = A4.height - 56;
  const width = A4.width - 2 * LEFT;
  const ensure = (needed: number) => {
    if (y - needed < 70) {
      page = doc.addPage([A4.width, A4.height]);
      y = A4.height - 56;
    }
  };
  const centred = (text: string, font: PDFFont, s: number) => {
    for (const l of wrapLine(text, font, s, width)) {
      page.drawText(l, { x: (A4.width - font.widthOfTextAtSize(l, s)) / 2, y, size: s, font });
      y -= s * 1.4;
    }
  };
  const para = (text: string, font: PDFFont = fonts.regular) => {
    for (const l of wrapLine(text, font, size, width)) {
      ensure(line);
      page.drawText(l, { x: LEFT, y, size, font });
      y -= line;
    }
  };
  const row = (label: string, value: string, font: PDFFont = fonts.regular) => {
    ensure(line);
    page.drawText(label, { x: LEFT + 10, y, size, font });
    page.drawText(value, { x: A4.width - LEFT - font.widthOfTextAtSize(value, size), y, size, font });
    y -= line;
  };

  centred(t('votes.sheet.party'), fonts.bold, 12);
  centred(ballot.organizationName, fonts.regular, 12);
  y -= 10;
  centred(t('votes.sheet.heading'), fonts.bold, 16);
  y -= 6;
  para(t('votes.sheet.question', { question: ballot.question }), fonts.bold);
  para(t('votes.sheet.kind', { kind: t(`votes.kinds.${ballot.kind}`) }));
  para(t('votes.sheet.body', { name: ballot.bodyName }));
  if (ballot.meetingTitle) para(t('votes.sheet.meeting', { title: ballot.meetingTitle }));
  para(t('votes.sheet.openedAt', { when: formatInstant(ballot.openedAt, locale) }));
  if (ballot.closedAt) para(t('votes.sheet.closedAt', { when: formatInstant(ballot.closedAt, locale) }));
  y -= 6;
  para(t('votes.sheet.counted', { count: result.countedMembers }));
  para(t('votes.sheet.eligible', { count: result.eligibleVoters }));
  para(t('votes.sheet.voted', { count: result.voted }));
  y -= 6;

  if (result.kind === 'election') {
    para(t('votes.sheet.seats', { count: result.seats }));
    para(t('votes.sheet.validPapers', { count: result.validPapers, invalid: result.invalidPapers }));
    para(t('votes.result.electionSummary', { valid: result.validPapers, required: result.required }));
    y -= 4;
    for (const c of result.candidates) {
      const status = c.elected ? t('votes.result.elected') : c.tied ? t('votes.result.tied') : t('votes.result.notElected');
      row(c.label, `${t('votes.result.votes', { votes: c.votes, percent: c.percent })} — ${status}`, c.elected ? fonts.bold : fonts.regular);
    }
    y -= 4;
    if (result.tie) para(t('votes.result.tie', { count: result.tie.optionIds.length, votes: result.tie.votes, seats: result.tie.seats }), fonts.bold);
    para(
      t('votes.sheet.conclusion', {
        verdict: result.passed ? t('votes.result.allFilled', { seats: result.seats }) : t('votes.result.unfilled', { count: result.unfilledSeats }),
      }),
      fonts.bold,
    );
  } else {
    for (const choice of ['agree', 'disagree', 'abstain'] as const) row(t(`votes.choices.${choice}`), String(result[choice]));
    y -= 4;
    para(t('votes.result.summary', { agree: result.agree, counted: result.countedMembers, required: result.required }));
    para(t('votes.result.rule', { numerator: result.rule.numerator, denominator: result.rule.denominator }));
    para(t('votes.sheet.conclusion', { verdict: result.passed ? t('votes.result.passed') : t('votes.result.rejected') }), fonts.bold);
  }

  y -= 24;
  ensure(110);
  const half = width / 2;
  for (const [column, label] of [t('votes.sheet.committee'), t('votes.sheet.chair')].entries()) {
    const cx = LEFT + half * column + half / 2;
    page.drawText(label, { x: cx - fonts.bold.widthOfTextAtSize(label, size) / 2, y, size, font: fonts.bold });
  }
  numberPages(doc, fonts.regular, (p, n) => t('votes.sheet.page', { page: p, pages: n }));
  return doc.save();
}
