import 'server-only';
import { createHash } from 'node:crypto';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { embedVietnameseFonts } from '@/lib/pdf/fonts';
import { IntegrityError, StorageNotFoundError, getStorage, readAll } from '@/lib/storage';

// A4 in PDF points, with margins wide enough for binding and filing.
export const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = { top: 56, bottom: 56, left: 64, right: 48 } as const;

/** Splits one line of text into pieces no wider than `width`; very long words are cut. */
export function wrapLine(text: string, font: PDFFont, size: number, width: number): string[] {
  const indent = /^\s*/.exec(text)?.[0] ?? '';
  const words = text.slice(indent.length).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [''];
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  let current = indent;
  for (const word of words) {
    const candidate = current.trim() ? `${current} ${word}` : `${current}${word}`;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current.trim()) lines.push(current);
    // A word wider than the line is cut where it overflows.
    let rest = `${indent}${word}`;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > indent.length + 1 && !fits(rest.slice(0, cut))) cut--;
      lines.push(rest.slice(0, cut));
      rest = `${indent}${rest.slice(cut)}`;
    }
    current = rest;
  }
  lines.push(current);
  return lines;
}

export type TextPdfInput = {
  /** Document title (PDF metadata). */
  title: string;
  /** Plain text; lines in upper case that stand alone are set in bold. */
  body: string;
  /** Page footer, e.g. "Trang 1/3". */
  pageLabel: (page: number, pages: number) => string;
  /** An extra footer line on every page (e.g. the approval record). */
  footerNote?: string;
  createdAt?: Date;
};

/** Lays out plain text on A4 pages with a Vietnamese font and numbered pages. */
export async function renderTextPdf(input: TextPdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = await embedVietnameseFonts(doc);
  doc.setTitle(input.title);
  doc.setProducer('Quorum');
  doc.setCreator('Quorum');
  if (input.createdAt) {
    doc.setCreationDate(input.createdAt);
    doc.setModificationDate(input.createdAt);
  }
  const size = 12;
  const leading = size * 1.45;
  const width = A4.width - MARGIN.left - MARGIN.right;

  let page: PDFPage = doc.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN.top;
  for (const raw of input.body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\t/g, '    ');
    const heading = line.trim().length > 0 && line.trim() === line.trim().toUpperCase() && /\p{Lu}/u.test(line);
    const font = heading ? fonts.bold : fonts.regular;
    for (const piece of wrapLine(line, font, size, width)) {
      if (y < MARGIN.bottom + leading) {
        page = doc.addPage([A4.width, A4.height]);
        y = A4.height - MARGIN.top;
      }
      if (piece) page.drawText(piece, { x: MARGIN.left, y, size, font });
      y -= leading;
    }
  }
  numberPages(doc, fonts.regular, input.pageLabel, input.footerNote);
  return doc.save();
}

/** Page numbers centred at the foot of every page, and an optional note above them. */
export function numberPages(doc: PDFDocument, font: PDFFont, label: (page: number, pages: number) => string, note?: string) {
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const { width } = page.getSize();
    const text = label(i + 1, pages.length);
    const size = 9;
    page.drawText(text, { x: (width - font.widthOfTextAtSize(text, size)) / 2, y: 24, size, font, color: rgb(0.3, 0.3, 0.3) });
    if (note) {
      const lines = wrapLine(note, font, 8, width - MARGIN.left - MARGIN.right);
      lines.slice(0, 2).forEach((l, n) => page.drawText(l, { x: MARGIN.left, y: 46 - n * 10, size: 8, font, color: rgb(0.35, 0.35, 0.35) }));
    }
  });
}

/** Stores a rendered PDF in the content-addressed storage; the key is its SHA-256. */
export async function storeFile(bytes: Uint8Array): Promise<{ sha256: string; storageKey: string }> {
  const stored = await getStorage().put(bytes);
  return { sha256: stored.sha256, storageKey: stored.key };
}

/** A stored file, only if present and its content still has the recorded SHA-256. */
export async function readStoredFile(storageKey: string, sha256: string): Promise<Buffer | undefined> {
  try {
    const bytes = await readAll(getStorage(), storageKey);
    return createHash('sha256').update(bytes).digest('hex') === sha256 ? bytes : undefined;
  } catch (error) {
    if (error instanceof StorageNotFoundError || error instanceof IntegrityError) return undefined;
    throw error;
  }
}
