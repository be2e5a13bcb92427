/**
 * File types decided from the bytes, never from the name or the browser's claim. Meeting
 * documents accept `MEETING_FILE_KINDS`, the archive `ARCHIVE_FILE_KINDS` (scans also come as
 * TIFF); anything else (scripts, HTML, SVG, executables, macro-enabled Office files, renamed
 * files) is refused.
 */
export const ALLOWED_TYPES = {
  pdf: { mime: 'application/pdf', extension: 'pdf' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', extension: 'odt' },
  jpeg: { mime: 'image/jpeg', extension: 'jpg' },
  png: { mime: 'image/png', extension: 'png' },
  tiff: { mime: 'image/tiff', extension: 'tif' },
} as const;

export type FileKind = keyof typeof ALLOWED_TYPES;

export const MEETING_FILE_KINDS = ['pdf', 'docx', 'xlsx', 'odt', 'jpeg', 'png'] as const satisfies readonly FileKind[];
export const ARCHIVE_FILE_KINDS = [...MEETING_FILE_KINDS, 'tiff'] as const satisfies readonly FileKind[];

export const IMAGE_KINDS: readonly FileKind[] = ['jpeg', 'png', 'tiff'];

export function kindOfMime(mime: string): FileKind | undefined {
  return (Object.keys(ALLOWED_TYPES) as FileKind[]).find((k) => ALLOWED_TYPES[k].mime === mime);
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** One entry of a ZIP's central directory, as declared (nothing is inflated to read it). */
export type ZipEntry = { name: string; compressedSize: number; uncompressedSize: number; localHeaderOffset: number };

/** Where a ZIP's central directory is, from the end-of-central-directory record in the file's last bytes. */
export function zipDirectoryLocation(tail: Uint8Array): { count: number; size: number; offset: number } | undefined {
  const view = viewOf(tail);
  // End of central directory: 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let i = tail.length - 22; i >= Math.max(0, tail.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      return { count: view.getUint16(i + 10, true), size: view.getUint32(i + 12, true), offset: view.getUint32(i + 16, true) };
    }
  }
  return undefined;
}

/** The entries of a central directory (its bytes alone); undefined when it is malformed. */
export function parseZipDirectory(directory: Uint8Array, count: number): ZipEntry[] | undefined {
  const view = viewOf(directory);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let offset = 0;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > directory.length || view.getUint32(offset, true) !== 0x02014b50) return undefined;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > directory.length) return undefined;
    entries.push({
      name: decoder.decode(directory.subarray(offset + 46, offset + 46 + nameLength)),
      compressedSize: view.getUint32(offset + 20, true),
      uncompressedSize: view.getUint32(offset + 24, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The central directory of a ZIP held whole in memory. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  const location = zipDirectoryLocation(bytes);
  if (!location || location.offset + location.size > bytes.length) return undefined;
  return parseZipDirectory(bytes.subarray(location.offset, location.offset + location.size), location.count);
}

function kindOfZip(head: Uint8Array, names: readonly string[] | undefined): FileKind | undefined {
  // ODF: the first entry is an uncompressed "mimetype" file holding the media type.
  const odt = ascii(`mimetype${ALLOWED_TYPES.odt.mime}`);
  if (startsWith(head, odt, 30) && !startsWith(head, ascii('-'), 30 + odt.length)) return 'odt';
  if (!names || !names.includes('[Content_Types].xml')) return undefined;
  if (names.some((n) => /vbaProject\.bin$/i.test(n))) return undefined; // macros: not on the list
  if (names.includes('word/document.xml')) return 'docx';
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  return undefined;
}

/**
 * The kind the first bytes of a file show. For a ZIP (OOXML, ODF), `zipNames` gives the names in
 * its central directory (read from the end of the file).
 */
export function detectFileKind(head: Uint8Array, zipNames: () => readonly string[] | undefined): FileKind | undefined {
  if (startsWith(head, ascii('%PDF-'))) return 'pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, ascii('II*\0')) || startsWith(head, ascii('MM\0*'))) return 'tiff';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return kindOfZip(head, zipNames());
  return undefined;
}

/** The file's kind from its magic bytes, or undefined when it is not among `accepted` (meeting documents by default). */
export function sniffFileKind(
  bytes: Uint8Array,
  accepted: readonly FileKind[] = MEETING_FILE_KINDS,
): FileKind | undefined {
  const kind = detectFileKind(bytes, () => zipEntries(bytes)?.map((e) => e.name));
  return kind && accepted.includes(kind) ? kind : undefined;
}

/**
 * Width and height of an image, read from its header (for pixel limits); undefined if unreadable.
 * For a TIFF, `bytes` must hold its first image directory (usually right after the header).
 */
export function imageSize(bytes: Uint8Array, kind: FileKind): { width: number; height: number } | undefined {
  const view = viewOf(bytes);
  if (kind === 'png') {
    if (bytes.length < 24 || !startsWith(bytes, ascii('IHDR'), 12)) return undefined;
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (kind === 'jpeg') {
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) return undefined;
      const marker = bytes[offset + 1]!;
      if (marker === 0xff) {
        offset += 1; // fill byte
        continue;
      }
      const length = view.getUint16(offset + 2);
      // Start-of-frame markers (baseline, progressive, …), not DHT (C4), JPG (C8) or DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
      }
      offset += 2 + length;
    }
  }
  if (kind === 'tiff') return tiffSize(bytes);
  return undefined;
}

function tiffSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const offset = tiffDirectoryOffset(bytes);
  if (offset === undefined || offset >= bytes.length) return undefined;
  return tiffDirectorySize(bytes.subarray(offset), bytes[0] === 0x49);
}

/** Where a TIFF's first image file directory starts (a file reader fetches it from there). */
export function tiffDirectoryOffset(head: Uint8Array): number | undefined {
  if (head.length < 8) return undefined;
  return viewOf(head).getUint32(4, head[0] === 0x49);
}

/** ImageWidth (256) and ImageLength (257) from a TIFF image file directory (its bytes from its start). */
export function tiffDirectorySize(directory: Uint8Array, littleEndian: boolean): { width: number; height: number } | undefined {
  if (directory.length < 2) return undefined;
  const view = viewOf(directory);
  const count = view.getUint16(0, littleEndian);
  let width: number | undefined;
  let height: number | undefined;
  for (let n = 0; n < count; n++) {
    const entry = 2 + n * 12;
    if (entry + 12 > directory.length) return undefined;
    const tag = view.getUint16(entry, littleEndian);
    if (tag !== 256 && tag !== 257) continue;
    // SHORT (3) or LONG (4), a single value stored in the entry itself.
    const type = view.getUint16(entry + 2, littleEndian);
    const value =
      type === 3 ? view.getUint16(entry + 8, littleEndian) : type === 4 ? view.getUint32(entry + 8, littleEndian) : undefined;
    if (value === undefined) return undefined;
    if (tag === 256) width = value;
    else height = value;
  }
  return width !== undefined && height !== undefined ? { width, height } : undefined;
}

/**
 * A file name safe to store and show: no folders, no control or invisible formatting characters,
 * no characters Windows refuses, Vietnamese letters kept (NFC), at most 200 characters with the
 * extension kept. The extension is replaced by the one of the sniffed type.
 */
export function sanitizeFileName(name: string, kind: FileKind): string {
  const base = name.normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const stem = cleaned.replace(/\.[^.]{1,8}$/, '').trim() || 'tai-lieu';
  const extension = ALLOWED_TYPES[kind].extension;
  return `${[...stem].slice(0, 200 - extension.length - 1).join('')}.${extension}`;
}

/**
 * `Content-Disposition` for a download (RFC 6266): an ASCII fallback (Vietnamese letters without
 * their marks) for old clients, and the exact UTF-8 name in `filename*` (RFC 8187).
 */
export function contentDisposition(fileName: string, disposition: 'inline' | 'attachment' = 'inline'): string {
  const fallback =
    fileName
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'file';
  const encoded = encodeURIComponent(fileName.normalize('NFC')).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The allowed kind a file name's extension claims, if it names one (`.jpeg` and `.jpg` both mean JPEG). */
export function kindClaimedByName(name: string): FileKind | undefined {
  const extension = /\.([^./\\]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  if (!extension) return undefined;
  if (extension === 'jpeg' || extension === 'jpe') return 'jpeg';
  if (extension === 'tiff') return 'tiff';
  return (Object.keys(ALLOWED_TYPES) as FileKind[]).find((k) => ALLOWED_TYPES[k].extension === extension);
}
