import 'server-only';
import { eq } from 'drizzle-orm';
import { PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { createTranslator } from 'use-intl/core'; // no React: also runs in the CLI (seed)
import { organizations, resolutions } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import viResolutions from '@/lib/i18n/messages/vi/resolutions.json';
import { A4, numberPages, readStoredFile, wrapLine } from '@/lib/meetings/minutes-pdf';
import { embedVietnameseFonts } from '@/lib/pdf/fonts';
import type { ResolutionType } from './constants';

// A Party document is written in Vietnamese whatever language the clerk reads the portal in; the
// wording lives in the message file (resolutions.document).
const doc = createTranslator({ locale: 'vi', messages: { resolutions: viResolutions }, namespace: 'resolutions.document' });

const MARGIN = { top: 56, bottom: 64, left: 78, right: 48 } as const;
const WIDTH = A4.width - MARGIN.left - MARGIN.right;
// The issuer block on the left is narrower than the party name and date line on the right.
const COLUMN = WIDTH * 0.44;
const RIGHT_COLUMN = WIDTH * 0.56;

export type ResolutionPdfFacts = {
  type: ResolutionType;
  numberSymbol: string;
  issuedOn: string; // YYYY-MM-DD
  title: string;
  body: string;
  recipients: string;
  signingCapacity: string | null;
  signerTitle: string | null;
  signerName: string;
  issuer: { superiorName: string | null; headerName: string; place: string };
};

/** "Kim Bảng, ngày 05 tháng 01 năm 2026". */
export function documentDateLine(place: string, isoDate: string) {
  const [year, month, day] = isoDate.split('-');
  return doc('dateLine', { place, day: day!, month: month!, year: year! });
}

/** The signer's title as printed: `BÍ THƯ`, `PHÓ BÍ THƯ`. */
export function signerTitleFor(role: 'secretary' | 'deputy_secretary') {
  return doc(`signerTitles.${role}`);
}

/** A file name for downloads and the archive: `NQ 09-NQ-HU - Trích yếu.pdf`, no path separators. */
export function resolutionFileName(numberSymbol: string, title: string) {
  const subject = title.replace(/\s+/g, ' ').trim().slice(0, 120);
  return `${numberSymbol} - ${subject}.pdf`.replace(/[/\\]/g, '-').replace(/[\u0000-\u001f"]/g, '');
}

/**
 * Lays out an issued Party document (Guidance 36-HD/VPTW): the issuer block with the number at the
 * top left, `ĐẢNG CỘNG SẢN VIỆT NAM` with place and date at the top right, the document type and
 * subject centred, the body, then recipients at the left and the signature block at the right.
 */
export async function renderResolutionPdf(facts: ResolutionPdfFacts, createdAt = new Date()): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const fonts = await embedVietnameseFonts(pdf);
  pdf.setTitle(`${facts.numberSymbol} — ${facts.title}`);
  pdf.setSubject(facts.title);
  pdf.setAuthor(facts.issuer.headerName);
  pdf.setProducer('Quorum');
  pdf.setCreator('Quorum');
  pdf.setCreationDate(createdAt);
  pdf.setModificationDate(createdAt);

  let page: PDFPage = pdf.addPage([A4.width, A4.height]);
  const leftCentre = MARGIN.left + COLUMN / 2;
  const rightCentre = A4.width - MARGIN.right - RIGHT_COLUMN / 2;
  const centred = (p: PDFPage, text: string, font: PDFFont, size: number, centre: number, y: number) => {
    p.drawText(text, { x: centre - font.widthOfTextAtSize(text, size) / 2, y, size, font });
  };
  /** Wrapped, centred lines in a column; returns the y below them. */
  const block = (p: PDFPage, text: string, font: PDFFont, size: number, centre: number, width: number, y: number) => {
    let at = y;
    for (const line of wrapLine(text, font, size, width)) {
      centred(p, line, font, size, centre, at);
      at -= size * 1.35;
    }
    return at;
  };

  // Header: issuer and number (left), party name, place and date (right).
  const top = A4.height - MARGIN.top;
  let left = top;
  if (facts.issuer.superiorName) left = block(page, facts.issuer.superiorName, fonts.regular, 12, leftCentre, COLUMN, left);
  left = block(page, facts.issuer.headerName, fonts.bold, 12.5, leftCentre, COLUMN, left);
  centred(page, '*', fonts.regular, 12, leftCentre, left);
  left -= 12 * 1.5;
  left = block(page, doc('number', { number: facts.numberSymbol }), fonts.regular, 12.5, leftCentre, COLUMN, left);
  if (facts.type === 'CV') left = block(page, doc('subject', { title: facts.title }), fonts.regular, 11, leftCentre, COLUMN, left);

  const party = doc('party');
  centred(page, party, fonts.bold, 13, rightCentre, top);
  const partyWidth = fonts.bold.widthOfTextAtSize(party, 13);
  page.drawLine({ start: { x: rightCentre - partyWidth / 2, y: top - 4 }, end: { x: rightCentre + partyWidth / 2, y: top - 4 }, thickness: 0.8 });
  const right = block(page, documentDateLine(facts.issuer.place, facts.issuedOn), fonts.regular, 12, rightCentre, RIGHT_COLUMN, top - 30);

  // Document type and subject (an official letter carries its subject under the number instead).
  let y = Math.min(left, right) - 24;
  if (facts.type !== 'CV') {
    y = block(page, doc(`types.${facts.type}`), fonts.bold, 15, A4.width / 2 + (MARGIN.left - MARGIN.right) / 2, WIDTH, y);
    y = block(page, facts.title, fonts.bold, 13, A4.width / 2 + (MARGIN.left - MARGIN.right) / 2, WIDTH * 0.85, y - 2);
    centred(page, '-----', fonts.regular, 12, A4.width / 2 + (MARGIN.left - MARGIN.right) / 2, y);
    y -= 24;
  }

  // Body: paragraphs as typed; lines in capitals that stand alone are headings.
  const size = 13;
  const leading = size * 1.5;
  const newPage = () => {
    page = pdf.addPage([A4.width, A4.height]);
    y = A4.height - MARGIN.top;
  };
  for (const raw of facts.body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\t/g, '    ');
    const heading = line.trim().length > 0 && line.trim() === line.trim().toUpperCase() && /\p{Lu}/u.test(line);
    const font = heading ? fonts.bold : fonts.regular;
    for (const piece of wrapLine(line, font, size, WIDTH)) {
      if (y < MARGIN.bottom + leading) newPage();
      if (piece) page.drawText(piece, { x: MARGIN.left, y, size, font });
      y -= leading;
    }
  }

  // Signature (right) and recipients (left) start together, on a new page if they do not fit.
  const recipients = facts.recipients
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const signatureHeight = 5 * 18 + 60;
  const recipientsHeight = 16 + recipients.length * 14;
  if (y - 18 - Math.max(signatureHeight, recipientsHeight) < MARGIN.bottom) newPage();
  else y -= 18;
  let sign = y;
  for (const line of [facts.signingCapacity, facts.signerTitle].filter((l): l is string => Boolean(l))) {
    sign = block(page, line, fonts.bold, 12.5, rightCentre, RIGHT_COLUMN, sign);
  }
  sign -= 64; // room for the signature and seal
  block(page, facts.signerName, fonts.bold, 13, rightCentre, RIGHT_COLUMN, sign);
  if (recipients.length) {
    let at = y;
    const label = doc('recipients');
    page.drawText(label, { x: MARGIN.left, y: at, size: 11.5, font: fonts.bold });
    page.drawLine({
      start: { x: MARGIN.left, y: at - 2 },
      end: { x: MARGIN.left + fonts.bold.widthOfTextAtSize(label, 11.5), y: at - 2 },
      thickness: 0.6,
    });
    at -= 16;
    for (const recipient of recipients) {
      for (const piece of wrapLine(`- ${recipient.replace(/^[-–•]\s*/, '')}`, fonts.regular, 11, COLUMN)) {
        if (at < MARGIN.bottom) break;
        page.drawText(piece, { x: MARGIN.left, y: at, size: 11, font: fonts.regular });
        at -= 14;
      }
    }
  }

  numberPages(pdf, fonts.regular, (n, total) => doc('page', { page: n, pages: total }));
  return pdf.save();
}

/**
 * The stored PDF of an issued document with what an archive record needs, for filing it into the
 * archive (issue 5). Undefined unless the document is issued; the bytes are checked against the
 * SHA-256 recorded at issue (undefined as well if the file is missing or altered).
 */
export async function issuedResolutionPdf(db: Db, resolutionId: string) {
  const [row] = await db
    .select({
      id: resolutions.id,
      organizationId: resolutions.organizationId,
      issuerName: organizations.name,
      status: resolutions.status,
      type: resolutions.type,
      congress: resolutions.congress,
      numberSymbol: resolutions.numberSymbol,
      title: resolutions.title,
      issuedOn: resolutions.issuedOn,
      issuedAt: resolutions.issuedAt,
      signerName: resolutions.signerName,
      recipients: resolutions.recipients,
      meetingId: resolutions.meetingId,
      agendaItemId: resolutions.agendaItemId,
      ballotId: resolutions.ballotId,
      pdfStorageKey: resolutions.pdfStorageKey,
      pdfSha256: resolutions.pdfSha256,
    })
    .from(resolutions)
    .innerJoin(organizations, eq(organizations.id, resolutions.organizationId))
    .where(eq(resolutions.id, resolutionId));
  if (!row || row.status !== 'issued' || !row.pdfStorageKey || !row.pdfSha256) return undefined;
  const bytes = await readStoredFile(row.pdfStorageKey, row.pdfSha256);
  if (!bytes) return undefined;
  const { pdfStorageKey, pdfSha256, status: _status, ...metadata } = row;
  return {
    bytes,
    fileName: resolutionFileName(row.numberSymbol!, row.title),
    contentType: 'application/pdf' as const,
    sha256: pdfSha256,
    storageKey: pdfStorageKey,
    /** For the archive record: `sourceKind: 'resolution'`, `sourceId: id`. */
    metadata: { ...metadata, type: row.type as ResolutionType, numberSymbol: row.numberSymbol!, issuedOn: row.issuedOn!, signerName: row.signerName! },
  };
}
