/**
 * File types decided from the bytes, never from the name or the browser's claim. Only these are
 * accepted for meeting documents; anything else (scripts, HTML, SVG, executables, macro-enabled
 * Office files, renamed files) is refused.
 */
export const ALLOWED_TYPES = {
  pdf: { mime: 'application/pdf', extension: 'pdf' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', extension: 'odt' },
  jpeg: { mime: 'image/jpeg', extension: 'jpg' },
  png: { mime: 'image/png', extension: 'png' },
} as const;

export type FileKind = keyof typeof ALLOWED_TYPES;

export function kindOfMime(mime: string): FileKind | undefined {
  return (Object.keys(ALLOWED_TYPES) as FileKind[]).find((k) => ALLOWED_TYPES[k].mime === mime);
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Names of the entries in a ZIP's central directory (OOXML and ODF files are ZIPs). */
function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return undefined;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.length) return undefined;
    names.push(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function sniffZip(bytes: Uint8Array): FileKind | undefined {
  // ODF: the first entry is an uncompressed "mimetype" file holding the media type.
  const odt = ascii(`mimetype${ALLOWED_TYPES.odt.mime}`);
  if (startsWith(bytes, odt, 30) && !startsWith(bytes, ascii('-'), 30 + odt.length)) return 'odt';
  const names = zipEntryNames(bytes);
  if (!names || !names.includes('[Content_Types].xml')) return undefined;
  if (names.some((n) => /vbaProject\.bin$/i.test(n))) return undefined; // macros: not on the list
  if (names.includes('word/document.xml')) return 'docx';
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  return undefined;
}

/** The file's kind from its magic bytes, or undefined when it is not on the allow-list. */
export function sniffFileKind(bytes: Uint8Array): FileKind | undefined {
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  return undefined;
}

/** Width and height of a PNG or JPEG, read from its header (for pixel limits); undefined if unreadable. */
export function imageSize(bytes: Uint8Array, kind: FileKind): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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
  return undefined;
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
  return (Object.keys(ALLOWED_TYPES) as FileKind[]).find((k) => ALLOWED_TYPES[k].extension === extension);
}
