import { describe, expect, it } from 'vitest';
import { sampleDocx, sampleJpeg, sampleOdt, samplePdf, samplePng, sampleXlsx, sampleZip } from '@/lib/meetings/agenda-fixtures';
import { sampleTiff } from '@/lib/uploads/test-fixtures';
import { ARCHIVE_FILE_KINDS, contentDisposition, imageSize, kindClaimedByName, sanitizeFileName, sniffFileKind } from './sniff';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('file type sniffing', () => {
  it('recognises the allowed types by their bytes', async () => {
    expect(sniffFileKind(await samplePdf(1))).toBe('pdf');
    expect(sniffFileKind(samplePng())).toBe('png');
    expect(sniffFileKind(sampleJpeg())).toBe('jpeg');
    expect(sniffFileKind(sampleDocx())).toBe('docx');
    expect(sniffFileKind(sampleXlsx())).toBe('xlsx');
    expect(sniffFileKind(sampleOdt())).toBe('odt');
  });

  it('refuses everything else, whatever it is called', () => {
    expect(sniffFileKind(bytes('<html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffFileKind(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffFileKind(bytes('MZ\x90\x00'))).toBeUndefined();
    expect(sniffFileKind(new Uint8Array())).toBeUndefined();
    expect(sniffFileKind(sampleZip({ 'evil.sh': 'rm -rf /' }))).toBeUndefined();
    // A macro-enabled Word file is not a plain DOCX.
    expect(
      sniffFileKind(sampleZip({ '[Content_Types].xml': '<T/>', 'word/document.xml': '<d/>', 'word/vbaProject.bin': 'x' })),
    ).toBeUndefined();
    expect(sniffFileKind(sampleZip({ mimetype: 'application/vnd.oasis.opendocument.text-template' }))).toBeUndefined();
  });

  it('recognises TIFF scans for the archive only; meeting documents keep their list', () => {
    expect(sniffFileKind(sampleTiff(), ARCHIVE_FILE_KINDS)).toBe('tiff');
    expect(sniffFileKind(sampleTiff(3, 4, { bigEndian: true }), ARCHIVE_FILE_KINDS)).toBe('tiff');
    expect(sniffFileKind(sampleTiff())).toBeUndefined();
  });

  it('reads image sizes for the pixel limit', () => {
    expect(imageSize(samplePng(7, 5), 'png')).toEqual({ width: 7, height: 5 });
    expect(imageSize(sampleJpeg(640, 480), 'jpeg')).toEqual({ width: 640, height: 480 });
    expect(imageSize(sampleTiff(2480, 3508), 'tiff')).toEqual({ width: 2480, height: 3508 });
    expect(imageSize(sampleTiff(300, 200, { bigEndian: true }), 'tiff')).toEqual({ width: 300, height: 200 });
  });

  it('knows which type a name claims', () => {
    expect(kindClaimedByName('Báo cáo.PDF')).toBe('pdf');
    expect(kindClaimedByName('anh.jpeg')).toBe('jpeg');
    expect(kindClaimedByName('ban-quet.TIFF')).toBe('tiff');
    expect(kindClaimedByName('ban-quet.tif')).toBe('tiff');
    expect(kindClaimedByName('bang-tinh.xlsx')).toBe('xlsx');
    expect(kindClaimedByName('ghi-chu.txt')).toBeUndefined();
    expect(kindClaimedByName('khong-duoi')).toBeUndefined();
  });
});

describe('file names', () => {
  it('drop folders and control characters, keep Vietnamese letters, take the sniffed extension', () => {
    expect(sanitizeFileName('../../etc/Báo cáo chính trị.pdf', 'pdf')).toBe('Báo cáo chính trị.pdf');
    expect(sanitizeFileName('C:\\Users\\văn thư\\Nghị quyết\u0000\r\n 09.pdf', 'pdf')).toBe('Nghị quyết 09.pdf');
    expect(sanitizeFileName('tai-lieu\u202Egpj.exe', 'png')).toBe('tai-lieugpj.png');
    expect(sanitizeFileName('Tờ trình'.normalize('NFD') + '.docx', 'docx')).toBe('Tờ trình.docx');
    expect(sanitizeFileName('a"b<c>.pdf', 'pdf')).toBe('a_b_c_.pdf');
    expect(sanitizeFileName('...', 'pdf')).toBe('tai-lieu.pdf');
    expect(sanitizeFileName('x'.repeat(500) + '.pdf', 'pdf')).toHaveLength(200);
  });

  it('are sent as RFC 6266 dispositions with an ASCII fallback', () => {
    expect(contentDisposition('Báo cáo "quý" 4; Đảng ủy.pdf')).toBe(
      `inline; filename="Bao cao _quy_ 4_ Dang uy.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%22qu%C3%BD%22%204%3B%20%C4%90%E1%BA%A3ng%20%E1%BB%A7y.pdf`,
    );
    expect(contentDisposition("it's (1).pdf", 'attachment')).toBe(
      `attachment; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`,
    );
  });
});
