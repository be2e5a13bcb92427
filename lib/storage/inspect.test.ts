import { describe, expect, it } from 'vitest';
import { encryptedPdf, sampleDocx, sampleJpeg, sampleOdt, samplePdf, samplePng, sampleXlsx } from '@/lib/meetings/agenda-fixtures';
import { docxManyEntries, docxOverlapBomb, docxRatioBomb, pngHeader, sampleTiff, textBytes } from '@/lib/uploads/test-fixtures';
import { ARCHIVE_FILE_LIMITS, UploadRefused, bufferByteSource, inspectArchiveFile } from './inspect';

const limits = { ...ARCHIVE_FILE_LIMITS, maxBytes: 5 * 1024 * 1024 };
const inspect = (bytes: Uint8Array, name: string) => inspectArchiveFile(bufferByteSource(bytes), name, limits);

async function refusal(bytes: Uint8Array, name: string) {
  const error = await inspect(bytes, name).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UploadRefused);
  return { reason: (error as UploadRefused).reason, status: (error as UploadRefused).status, values: (error as UploadRefused).values };
}

describe('archive file inspection', () => {
  it('accepts the seven archive types, judged by their bytes, with a safe display name', async () => {
    expect(await inspect(await samplePdf(2), 'Nghị quyết 09-NQ/HU.pdf')).toEqual({
      kind: 'pdf',
      contentType: 'application/pdf',
      fileName: 'HU.pdf', // the slash is a folder separator: only the last part is a name
    });
    expect((await inspect(sampleDocx(), 'Tờ trình.docx')).kind).toBe('docx');
    expect((await inspect(sampleXlsx(), 'Bảng tổng hợp.xlsx')).kind).toBe('xlsx');
    expect((await inspect(sampleOdt(), 'Báo cáo.odt')).kind).toBe('odt');
    expect((await inspect(sampleJpeg(2480, 3508), 'scan.jpg')).kind).toBe('jpeg');
    expect((await inspect(samplePng(3, 2), 'anh')).fileName).toBe('anh.png');
    expect(await inspect(sampleTiff(2480, 3508), 'Bản quét trang 1.tiff')).toEqual({
      kind: 'tiff',
      contentType: 'image/tiff',
      fileName: 'Bản quét trang 1.tif',
    });
    expect((await inspect(sampleTiff(100, 100, { bigEndian: true, padding: 2 * 1024 * 1024 }), 'far.tif')).kind).toBe('tiff');
  });

  it('keeps Vietnamese and emoji in names, drops folders and control characters', async () => {
    const pdf = await samplePdf(1);
    expect((await inspect(pdf, '../../etc/passwd')).fileName).toBe('passwd.pdf');
    expect((await inspect(pdf, 'Biên bản\u0000\u0007 họp 🎉\r\n.pdf')).fileName).toBe('Biên bản họp 🎉.pdf');
    expect((await inspect(pdf, 'Quyết định'.normalize('NFD') + '.pdf')).fileName).toBe('Quyết định.pdf');
  });

  it('refuses empty, over-size, renamed, executable, markup and unknown files', async () => {
    expect(await refusal(new Uint8Array(), 'a.pdf')).toMatchObject({ reason: 'empty', status: 422 });
    expect(await refusal(new Uint8Array(6 * 1024 * 1024), 'big.pdf')).toMatchObject({ reason: 'tooLarge', status: 413, values: { max: 5 } });
    expect(await refusal(textBytes('not a pdf at all'), 'bao-cao.pdf')).toMatchObject({ reason: 'mismatch', status: 415 });
    expect(await refusal(await samplePdf(1), 'x.pdf.exe')).toMatchObject({ reason: 'nameNotAllowed', values: { extension: 'EXE' } });
    expect(await refusal(textBytes('MZ\x90\x00\x03'), 'setup')).toMatchObject({ reason: 'notAllowed', status: 415 });
    expect(await refusal(textBytes('<html><script>alert(1)</script></html>'), 'trang.html')).toMatchObject({ reason: 'nameNotAllowed' });
    expect(await refusal(textBytes('<html><script>alert(1)</script></html>'), 'trang')).toMatchObject({ reason: 'notAllowed' });
    expect(await refusal(textBytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'logo.svg')).toMatchObject({
      reason: 'nameNotAllowed',
    });
    expect(await refusal(textBytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'logo.png')).toMatchObject({ reason: 'mismatch' });
  });

  it('refuses encrypted and damaged PDFs without parsing them', async () => {
    expect(await refusal(await encryptedPdf(), 'mat-khau.pdf')).toMatchObject({ reason: 'pdfEncrypted', status: 422 });
    const whole = await samplePdf(3);
    expect(await refusal(whole.subarray(0, Math.floor(whole.length * 0.6)), 'cut.pdf')).toMatchObject({ reason: 'pdfCorrupt' });
    const lying = Buffer.from(whole);
    const at = lying.lastIndexOf('startxref');
    lying.write('startxref\n9999999\n%%EOF\n', at, 'latin1');
    expect(await refusal(new Uint8Array(lying.subarray(0, at + 24)), 'bad-xref.pdf')).toMatchObject({ reason: 'pdfCorrupt' });
  });

  it('refuses Office zip bombs from the central directory alone', async () => {
    expect(await refusal(docxRatioBomb(), 'bom.docx')).toMatchObject({ reason: 'zipBomb', status: 422 });
    expect(await refusal(docxOverlapBomb(), 'chong.docx')).toMatchObject({ reason: 'zipBomb' });
    expect(await refusal(docxManyEntries(), 'nhieu.docx')).toMatchObject({ reason: 'zipBomb' });
    const truncated = sampleDocx().subarray(0, 60);
    expect(await refusal(truncated, 'hong.docx')).toMatchObject({ reason: 'mismatch' });
    expect(await refusal(truncated, 'hong')).toMatchObject({ reason: 'zipCorrupt' });
  });

  it('refuses images over the pixel limit from their headers', async () => {
    expect(await refusal(pngHeader(20_000, 20_000), 'lon.png')).toMatchObject({
      reason: 'tooManyPixels',
      values: { width: 20_000, height: 20_000 },
    });
    expect(await refusal(sampleJpeg(20_000, 20_000), 'lon.jpg')).toMatchObject({ reason: 'tooManyPixels' });
    expect(await refusal(sampleTiff(20_000, 20_000, { padding: 100_000 }), 'lon.tif')).toMatchObject({ reason: 'tooManyPixels' });
    expect(await refusal(pngHeader(0, 10), 'rong.png')).toMatchObject({ reason: 'imageUnreadable' });
  });
});
