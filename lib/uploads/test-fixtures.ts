import { sampleDocx, sampleZip } from '@/lib/meetings/agenda-fixtures';

// Bad and unusual files for the upload tests (not used by the app).

/** A PNG that declares `width × height` in its header and carries no pixels (the check reads the header only). */
export function pngHeader(width: number, height: number) {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'ascii');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.set([8, 2, 0, 0, 0], 24);
  return new Uint8Array(bytes);
}

/**
 * A small TIFF: header, some image bytes, then the image directory (ImageWidth, ImageLength as
 * LONG) — placed after `padding` bytes so the directory can be far from the start, as scanners do.
 */
export function sampleTiff(width = 8, height = 6, options: { bigEndian?: boolean; padding?: number } = {}) {
  const little = !options.bigEndian;
  const padding = options.padding ?? 16;
  const ifdOffset = 8 + padding;
  const bytes = Buffer.alloc(ifdOffset + 2 + 2 * 12 + 4, 0x55);
  bytes.write(little ? 'II' : 'MM', 0, 'ascii');
  const u16 = (v: number, at: number) => (little ? bytes.writeUInt16LE(v, at) : bytes.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (little ? bytes.writeUInt32LE(v, at) : bytes.writeUInt32BE(v, at));
  u16(42, 2);
  u32(ifdOffset, 4);
  u16(2, ifdOffset);
  [
    [256, width],
    [257, height],
  ].forEach(([tag, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    u16(tag!, at);
    u16(4, at + 2);
    u32(1, at + 4);
    u32(value!, at + 8);
  });
  u32(0, ifdOffset + 2 + 24);
  return new Uint8Array(bytes);
}

/** Rewrites the sizes an entry declares in the ZIP's central directory (nothing else changes). */
function declareSizes(zip: Uint8Array, entry: string, sizes: { compressed?: number; uncompressed?: number; offset?: number }) {
  const bytes = Buffer.from(zip);
  for (let i = 0; i + 46 < bytes.length; i++) {
    if (bytes.readUInt32LE(i) !== 0x02014b50) continue;
    const nameLength = bytes.readUInt16LE(i + 28);
    if (bytes.toString('utf8', i + 46, i + 46 + nameLength) !== entry) continue;
    if (sizes.compressed !== undefined) bytes.writeUInt32LE(sizes.compressed, i + 20);
    if (sizes.uncompressed !== undefined) bytes.writeUInt32LE(sizes.uncompressed, i + 24);
    if (sizes.offset !== undefined) bytes.writeUInt32LE(sizes.offset, i + 42);
  }
  return new Uint8Array(bytes);
}

/** A DOCX whose document part claims to inflate from a few bytes to 4 GB − 2 (ratio bomb). */
export const docxRatioBomb = () => declareSizes(sampleDocx(), 'word/document.xml', { uncompressed: 0xfffffffe - 1 });

/** A DOCX whose parts overlap: two entries share the same compressed bytes (the overlapping-files bomb). */
export function docxOverlapBomb() {
  const zip = sampleZip({
    '[Content_Types].xml': '<Types/>',
    'word/document.xml': '<w:document/>'.repeat(20),
    'word/a.xml': '<w:a/>',
  });
  return declareSizes(zip, 'word/a.xml', { offset: 0 });
}

/** A DOCX with 20,000 tiny entries (entry-count bomb). */
export function docxManyEntries(count = 20_000) {
  const entries: Record<string, string> = { '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' };
  for (let i = 0; i < count; i++) entries[`word/media/p${i}.xml`] = '';
  return sampleZip(entries);
}

export const textBytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
