import 'server-only';
import { eq } from 'drizzle-orm';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { bodies, organizations } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import { embedVietnameseFonts } from '@/lib/pdf/fonts';
import { stampEveryPage } from '@/lib/pdf/stamp';
import { wrap } from '@/lib/pdf/text';
import { type FileKind, kindOfMime } from '@/lib/storage/sniff';
import type { AgendaItem, MeetingDocument } from './agenda';

/** Body and organisation names for a meeting's header (pack page, PDF cover). */
export async function meetingHeader(db: Db, bodyId: string) {
  const [row] = await db
    .select({ bodyName: bodies.name, organizationName: organizations.name })
    .from(bodies)
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(eq(bodies.id, bodyId));
  return row ?? { bodyName: '', organizationName: '' };
}

/** A pack has at most this many pages; further documents are listed on a note page instead. */
export const MAX_PACK_PAGES = 2_000;

export type PackInput = {
  organizationName: string;
  bodyName: string;
  title: string;
  kindLabel: string;
  /** Already formatted in Vietnam time, e.g. "08:00 thứ Năm, 3/12/2026 đến 10:00". */
  timeLine: string;
  placeLine?: string;
  onlineLine?: string;
  agenda: (AgendaItem & { kindLabel: string; minutesLabel?: string; presenterLine?: string })[];
  documents: MeetingDocument[];
  /** The stored bytes of a document (verified against its SHA-256). */
  read: (document: MeetingDocument) => Promise<Uint8Array>;
  /** The line stamped on every page: who received this copy, and when. */
  stamp: string;
  labels: {
    agenda: string;
    noItems: string;
    generalDocuments: string;
    documents: (list: string) => string;
    attachedSeparately: (title: string, kind: FileKind | undefined) => string;
    skippedTitle: string;
    encrypted: (title: string) => string;
    corrupt: (title: string) => string;
    tooManyPages: (title: string, max: number) => string;
  };
};

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = rgb(0.1, 0.1, 0.1);
const ACCENT = rgb(0.6, 0.08, 0.08);

/** Writes wrapped text down the page, adding pages as needed. */
class Writer {
  page: PDFPage;
  y: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  newPage() {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  space(points: number) {
    this.y -= points;
  }

  text(text: string, options: { size?: number; bold?: boolean; center?: boolean; indent?: number; color?: typeof INK } = {}) {
    const size = options.size ?? 12;
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const indent = options.indent ?? 0;
    const width = A4[0] - 2 * MARGIN - indent;
    for (const line of wrap(text, font, size, width)) {
      if (this.y - size < MARGIN + 24) this.newPage();
      this.y -= size * 1.35;
      const lineWidth = font.widthOfTextAtSize(line, size);
      const x = options.center ? (A4[0] - lineWidth) / 2 : MARGIN + indent;
      this.page.drawText(line, { x, y: this.y, size, font, color: options.color ?? INK });
    }
  }
}


/** Text the embedded font cannot draw (control characters, rare symbols) is replaced, not fatal. */
function drawable(font: PDFFont, text: string) {
  const supported = new Set(font.getCharacterSet());
  return [...text.replace(/[\p{Cc}\p{Cf}]/gu, ' ')].map((c) => (supported.has(c.codePointAt(0)!) ? c : '?')).join('');
}

/**
 * The meeting pack as one PDF: a cover, the agenda with each item's documents, then every PDF
 * document's pages and every image on a page of its own, in agenda order (general documents first).
 * DOCX, XLSX and ODT are listed as attached separately. A PDF that is encrypted or cannot be read
 * gets a note page instead. Every page is stamped with the recipient and the time.
 */
export async function buildMeetingPack(input: PackInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(input.title);
  doc.setCreator('Quorum');
  const fonts = await embedVietnameseFonts(doc);
  const clean = (s: string) => drawable(fonts.regular, s);
  const { labels } = input;

  // Cover
  const cover = new Writer(doc, fonts);
  cover.space(80);
  cover.text(clean(input.organizationName.toUpperCase()), { size: 14, bold: true, center: true });
  cover.text(clean(input.bodyName), { size: 13, center: true });
  cover.space(90);
  cover.text(clean(input.kindLabel.toUpperCase()), { size: 14, bold: true, center: true, color: ACCENT });
  cover.space(8);
  cover.text(clean(input.title), { size: 22, bold: true, center: true });
  cover.space(40);
  cover.text(clean(input.timeLine), { size: 13, center: true });
  if (input.placeLine) cover.text(clean(input.placeLine), { size: 13, center: true });
  if (input.onlineLine) cover.text(clean(input.onlineLine), { size: 11, center: true });

  // Agenda
  const byItem = new Map<string | null, MeetingDocument[]>();
  for (const d of input.documents) byItem.set(d.agendaItemId, [...(byItem.get(d.agendaItemId) ?? []), d]);
  const docLine = (list: MeetingDocument[]) =>
    labels.documents(
      list
        .map((d) => {
          const kind = kindOfMime(d.contentType);
          return kind === 'pdf' || kind === 'png' || kind === 'jpeg' ? d.title : labels.attachedSeparately(d.title, kind);
        })
        .join('; '),
    );
  const agenda = new Writer(doc, fonts);
  agenda.text(labels.agenda, { size: 16, bold: true, center: true });
  agenda.space(16);
  const general = byItem.get(null) ?? [];
  if (general.length) {
    agenda.text(clean(labels.generalDocuments), { size: 12, bold: true });
    agenda.text(clean(docLine(general)), { size: 11, indent: 18 });
    agenda.space(10);
  }
  if (input.agenda.length === 0) agenda.text(clean(labels.noItems));
  input.agenda.forEach((item, index) => {
    agenda.text(clean(`${index + 1}. ${item.title}`), { size: 12, bold: true });
    const meta = [item.kindLabel, item.presenterLine, item.minutesLabel].filter(Boolean).join(' · ');
    agenda.text(clean(meta), { size: 11, indent: 18 });
    const list = byItem.get(item.id) ?? [];
    if (list.length) agenda.text(clean(docLine(list)), { size: 11, indent: 18 });
    agenda.space(8);
  });

  // Documents, in agenda order
  const ordered = [...general, ...input.agenda.flatMap((item) => byItem.get(item.id) ?? [])];
  const note = (text: string) => {
    const writer = new Writer(doc, fonts);
    writer.text(clean(labels.skippedTitle), { size: 14, bold: true, color: ACCENT });
    writer.space(8);
    writer.text(clean(text));
  };
  for (const [index, document] of ordered.entries()) {
    const kind = kindOfMime(document.contentType);
    if (kind !== 'pdf' && kind !== 'png' && kind !== 'jpeg') continue;
    if (doc.getPageCount() >= MAX_PACK_PAGES) {
      note(labels.tooManyPages(ordered.slice(index).map((d) => d.title).join('; '), MAX_PACK_PAGES));
      break;
    }
    let bytes: Uint8Array;
    try {
      bytes = await input.read(document);
    } catch {
      note(labels.corrupt(document.title));
      continue;
    }
    if (kind === 'pdf') {
      let source: PDFDocument;
      let count: number;
      try {
        source = await PDFDocument.load(bytes, { updateMetadata: false });
        count = source.getPageCount();
      } catch (error) {
        // pdf-lib's EncryptedPDFError loses its class when compiled to ES5; its message is stable.
        const encrypted = /is encrypted/.test((error as Error)?.message ?? '');
        note(encrypted ? labels.encrypted(document.title) : labels.corrupt(document.title));
        continue;
      }
      if (count === 0) {
        note(labels.corrupt(document.title));
        continue;
      }
      if (doc.getPageCount() + count > MAX_PACK_PAGES) {
        note(labels.tooManyPages(ordered.slice(index).map((d) => d.title).join('; '), MAX_PACK_PAGES));
        break;
      }
      try {
        const pages = await doc.copyPages(source, source.getPageIndices());
        for (const page of pages) doc.addPage(page);
      } catch {
        note(labels.corrupt(document.title));
      }
      continue;
    }
    try {
      const image = kind === 'png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
      const page = doc.addPage(A4);
      const scale = Math.min((A4[0] - 2 * MARGIN) / image.width, (A4[1] - 2 * MARGIN) / image.height);
      const width = image.width * scale;
      const height = image.height * scale;
      page.drawImage(image, { x: (A4[0] - width) / 2, y: (A4[1] - height) / 2, width, height });
    } catch {
      note(labels.corrupt(document.title));
    }
  }

  stampEveryPage(doc, fonts.regular, clean(input.stamp));
  return doc.save();
}

const VIETNAM = 'Asia/Ho_Chi_Minh';

/** "08:00 Thứ Năm, 03/12/2026 – 10:00" style text, always in Vietnam time. */
export function formatMeetingTime(locale: string, startsAt: Date, endsAt: Date, range: (start: string, end: string) => string) {
  const day = new Intl.DateTimeFormat(locale, { timeZone: VIETNAM, weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' });
  const time = new Intl.DateTimeFormat(locale, { timeZone: VIETNAM, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const sameDay = day.format(startsAt) === day.format(endsAt);
  const start = `${time.format(startsAt)}, ${day.format(startsAt)}`;
  const end = sameDay ? time.format(endsAt) : `${time.format(endsAt)}, ${day.format(endsAt)}`;
  return range(start, end);
}

/** The stamp's time: day and minute in Vietnam time. */
export function formatStampTime(locale: string, at: Date) {
  return new Intl.DateTimeFormat(locale, {
    timeZone: VIETNAM,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}
