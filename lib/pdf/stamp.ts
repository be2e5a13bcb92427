import { type PDFDocument, type PDFFont, type PDFPage, degrees, rgb } from 'pdf-lib';

/**
 * Where a page is seen: its crop box and the /Rotate a viewer applies. Scanned PDFs often carry a
 * rotation or a box that does not start at 0,0; a stamp placed in raw coordinates would then sit
 * sideways or off the visible page.
 */
function visibleFrame(page: PDFPage) {
  const box = page.getCropBox();
  const rotation = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const sideways = rotation === 90 || rotation === 270;
  return { box, rotation, width: sideways ? box.height : box.width, height: sideways ? box.width : box.height };
}

/** A point given in the visible page's coordinates (origin bottom left, as seen), in user space. */
function toUserSpace(frame: ReturnType<typeof visibleFrame>, x: number, y: number) {
  const { box, rotation } = frame;
  switch (rotation) {
    case 90:
      return { x: box.x + box.width - y, y: box.y + x };
    case 180:
      return { x: box.x + box.width - x, y: box.y + box.height - y };
    case 270:
      return { x: box.x + y, y: box.y + box.height - x };
    default:
      return { x: box.x + x, y: box.y + y };
  }
}

/**
 * Stamps every page with who received the copy and when (a footer line, plus a light diagonal
 * mark across the middle), so a leaked printout names its source. Works on rotated and offset
 * pages (scans) and shrinks the footer to fit narrow pages.
 */
export function stampEveryPage(doc: PDFDocument, font: PDFFont, text: string) {
  for (const page of doc.getPages()) {
    const frame = visibleFrame(page);
    const { width, height, rotation } = frame;

    const footerSize = Math.max(4, Math.min(8, (8 * (width - 48)) / Math.max(1, font.widthOfTextAtSize(text, 8))));
    page.drawText(text, {
      ...toUserSpace(frame, 24, 14),
      size: footerSize,
      font,
      color: rgb(0.45, 0.1, 0.1),
      rotate: degrees(rotation),
    });

    // The diagonal mark, centred on the visible page along its diagonal.
    const angle = Math.atan2(height, width);
    const markSize = Math.min(Math.min(width, height) / 22, (0.9 * Math.hypot(width, height)) / Math.max(1, font.widthOfTextAtSize(text, 1)));
    const half = font.widthOfTextAtSize(text, markSize) / 2;
    const start = { x: width / 2 - half * Math.cos(angle) + (markSize / 3) * Math.sin(angle), y: height / 2 - half * Math.sin(angle) - (markSize / 3) * Math.cos(angle) };
    page.drawText(text, {
      ...toUserSpace(frame, start.x, start.y),
      size: markSize,
      font,
      color: rgb(0.6, 0.6, 0.6),
      opacity: 0.18,
      rotate: degrees(angle * (180 / Math.PI) + rotation),
    });
  }
}
