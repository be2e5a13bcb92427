import { type PDFDocument, type PDFFont, degrees, rgb } from 'pdf-lib';

/**
 * Stamps every page with who received the copy and when (a footer line, plus a light diagonal
 * mark), so a leaked printout names its source.
 */
export function stampEveryPage(doc: PDFDocument, font: PDFFont, text: string) {
  for (const page of doc.getPages()) {
    const { width, height } = page.getSize();
    const size = 8;
    page.drawText(text, { x: 24, y: 14, size, font, color: rgb(0.45, 0.1, 0.1) });
    const markSize = Math.min(width, height) / 22;
    page.drawText(text, {
      x: width * 0.12,
      y: height * 0.3,
      size: markSize,
      font,
      color: rgb(0.6, 0.6, 0.6),
      opacity: 0.18,
      rotate: degrees(Math.atan2(height, width) * (180 / Math.PI)),
    });
  }
}
