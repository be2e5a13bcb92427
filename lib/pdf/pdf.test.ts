import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { embedVietnameseFonts } from './fonts';
import { stampEveryPage } from './stamp';

describe('PDF with Vietnamese text', () => {
  it('embeds a font that writes Vietnamese and stamps every page', async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedVietnameseFonts(doc);
    doc.addPage().drawText('Nghị quyết Đại hội Đảng bộ — Biên bản kiểm phiếu', { x: 40, y: 700, size: 14, font: fonts.bold });
    doc.addPage();
    stampEveryPage(doc, fonts.regular, 'Bản của Nguyễn Thị Hoa · 21/11/2026 09:00');
    const bytes = await doc.save();
    const reloaded = await PDFDocument.load(bytes);
    expect(reloaded.getPageCount()).toBe(2);
    expect(bytes.length).toBeLessThan(200_000); // subset, not the whole font
    expect(fonts.regular.widthOfTextAtSize('Đảng ủy xã Tân Sơn', 12)).toBeGreaterThan(0);
  });
});
