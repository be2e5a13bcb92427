import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import { strToU8, zipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import writeXlsxFile from 'write-excel-file/node';
import { embedVietnameseFonts } from '@/lib/pdf/fonts';

/** Known Vietnamese text of a resolution, for scans whose OCR result is compared with it. */
export const RESOLUTION_LINES = [
  'Nghị quyết của Ban Chấp hành Đảng bộ huyện',
  'về lãnh đạo phát triển kinh tế - xã hội năm 2025.',
  'Đồng chí Bí thư chủ trì hội nghị, các đồng chí',
  'Ủy viên Ban Thường vụ dự họp đầy đủ.',
  'Kính gửi: Ban Thường vụ Huyện ủy Kim Bảng.',
  'Số 09-NQ/HU, ngày 15 tháng 3 năm 2025.',
];

const fontFile = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/be-vietnam-pro/package.json')),
  '400Regular',
  'BeVietnamPro_400Regular.ttf',
);
GlobalFonts.register(readFileSync(fontFile), 'Quorum Scan Vietnamese');

/** A "scan": black Vietnamese text on white, like a 13 pt page scanned at 200 dpi (PNG). */
export function scanPng(lines: readonly string[] = RESOLUTION_LINES, size = 36): Buffer {
  const canvas = createCanvas(size * 28, Math.round(size * 1.5 + lines.length * size * 1.8));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000000';
  context.font = `${size}px "Quorum Scan Vietnamese"`;
  lines.forEach((line, i) => context.fillText(line, size, size * 1.5 + i * size * 1.8));
  return canvas.toBuffer('image/png');
}

/** Character error rate: edit distance over the expected length, whitespace folded. */
export function charErrorRate(expected: string, actual: string): number {
  const a = [...expected.normalize('NFC').replace(/\s+/g, ' ').trim()];
  const b = [...actual.normalize('NFC').replace(/\s+/g, ' ').trim()];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]! / a.length;
}

/** A PDF with a real text layer, one array of lines per page. */
export async function textPdf(pages: string[][]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const { regular } = await embedVietnameseFonts(document);
  for (const lines of pages) {
    const page = document.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 56, y: 780 - i * 22, size: 13, font: regular }));
  }
  return document.save();
}

/** A PDF whose pages are only images (a scanner's output): no text layer. */
export async function scannedPdf(images: Buffer[]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  for (const png of images) {
    const image = await document.embedPng(png);
    const width = 595;
    const height = (image.height / image.width) * width;
    document.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return document.save();
}

/**
 * A PDF encrypted with a user password (Standard security handler, RC4): the /U entry does not
 * match the empty password, so a reader must ask for one.
 */
export function encryptedPdf(): Uint8Array {
  const hex = (n: number) => Buffer.alloc(32, n).toString('hex');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(0x4f)}> /U <${hex(0x55)}> /P -44 >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  const id = Buffer.alloc(16, 7).toString('hex');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A PNG whose header claims `width` × `height` pixels, with almost no pixel data (a decompression bomb's shape). */
export function hugePngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))]);
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A minimal Word document with one paragraph per string. */
export function docx(paragraphs: string[]): Uint8Array {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join('');
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    ),
  });
}

/** A minimal OpenDocument text (the `mimetype` entry first and stored, as the format requires). */
export function odt(paragraphs: string[]): Uint8Array {
  const body = paragraphs.map((p) => `<text:p>${escapeXml(p).replace(/ {2}/g, ' <text:s/>')}</text:p>`).join('');
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'content.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>${body}</office:text></office:body></office:document-content>`,
    ),
    'META-INF/manifest.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'),
  });
}

/** A real Excel workbook (write-excel-file), one sheet. */
export async function xlsx(rows: (string | number)[][], sheet = 'Danh sách'): Promise<Buffer> {
  return writeXlsxFile(
    rows.map((row) => row.map((value) => ({ value }))),
    { sheet },
  ).toBuffer();
}

/** A ZIP of already deflated entries (method 8), e.g. a zip bomb made without inflating it first. */
export function zipOfDeflated(entries: { name: string; deflated: Uint8Array; size: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.deflated.length, 18);
    local.writeUInt32LE(Math.min(entry.size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.deflated.length, 20);
    central.writeUInt32LE(Math.min(entry.size, 0xffffffff), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(entry.deflated));
    centrals.push(central, name);
    offset += 30 + name.length + entry.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
