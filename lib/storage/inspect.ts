import type { FileHandle } from 'node:fs/promises';
import {
  ALLOWED_TYPES,
  ARCHIVE_FILE_KINDS,
  type FileKind,
  type ZipEntry,
  detectFileKind,
  imageSize,
  kindClaimedByName,
  parseZipDirectory,
  sanitizeFileName,
  tiffDirectoryOffset,
  tiffDirectorySize,
  zipDirectoryLocation,
} from './sniff';

/** Random access to a file's bytes, so a 200 MB upload is judged from a few kilobytes of it. */
export type ByteSource = { size: number; read(offset: number, length: number): Promise<Uint8Array> };

export function fileByteSource(handle: FileHandle, size: number): ByteSource {
  return {
    size,
    async read(offset, length) {
      const start = Math.max(0, Math.min(offset, size));
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - start)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
    },
  };
}

export function bufferByteSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}

export type RefusalReason =
  | 'empty'
  | 'tooLarge'
  | 'nameNotAllowed'
  | 'mismatch'
  | 'notAllowed'
  | 'pdfEncrypted'
  | 'pdfCorrupt'
  | 'zipBomb'
  | 'zipCorrupt'
  | 'tooManyPixels'
  | 'imageUnreadable';

/** A file that may not be kept, with the reason (a key of the `uploads.refused` messages). */
export class UploadRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly values: Record<string, string | number> = {},
  ) {
    super(`upload refused: ${reason}`);
    this.name = 'UploadRefused';
  }

  /** 413 for size, 415 for a type that is not on the list, 422 for a damaged or dangerous file. */
  get status(): number {
    if (this.reason === 'tooLarge') return 413;
    if (this.reason === 'notAllowed' || this.reason === 'nameNotAllowed' || this.reason === 'mismatch') return 415;
    return 422;
  }
}

export type ArchiveFileLimits = {
  maxBytes: number;
  /** Width × height above which an image is refused (a decompression bomb is small on disk, huge in memory). */
  maxImagePixels: number;
  /** Declared total size of an Office file's parts once inflated. */
  maxZipUncompressedBytes: number;
  maxZipEntries: number;
  /** Largest declared inflate ratio of one part bigger than 1 MB (XML compresses about 10:1). */
  maxZipRatio: number;
};

export const ARCHIVE_FILE_LIMITS: Omit<ArchiveFileLimits, 'maxBytes'> = {
  maxImagePixels: 20_000 * 20_000 - 1, // 20,000 × 20,000 is refused; an A3 page at 600 dpi is about 70 megapixels
  maxZipUncompressedBytes: 1024 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxZipRatio: 200,
};

/** Extensions of programs, scripts, markup and macro files: a name ending so is refused whatever its bytes. */
const DANGEROUS_EXTENSIONS = new Set(
  (
    'exe com bat cmd scr pif msi msp dll cpl jar js mjs cjs vbs vbe wsf wsh ps1 psm1 sh bash zsh app apk deb rpm dmg ' +
    'iso img lnk hta html htm xhtml shtml mht mhtml svg svgz xml xsl php phtml asp aspx jsp py pl rb reg docm dotm ' +
    'xlsm xltm xlam pptm url desktop swf'
  ).split(' '),
);

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

const TAIL = 64 * 1024;

async function zipEntriesOf(source: ByteSource, tail: Uint8Array): Promise<ZipEntry[] | undefined> {
  const location = zipDirectoryLocation(tail);
  if (!location || location.offset + location.size > source.size || location.size > 32 * 1024 * 1024) return undefined;
  return parseZipDirectory(await source.read(location.offset, location.size), location.count);
}

/**
 * A ZIP bomb is refused from its central directory alone, without inflating anything: too many
 * entries, a declared total or ratio beyond reason, ZIP64 sizes, or entries that overlap (the
 * "overlapping files" bomb reuses the same compressed bytes for many entries).
 */
function checkZip(entries: ZipEntry[], limits: ArchiveFileLimits) {
  if (entries.length > limits.maxZipEntries) throw new UploadRefused('zipBomb');
  let total = 0;
  for (const entry of entries) {
    if (entry.uncompressedSize === 0xffffffff || entry.compressedSize === 0xffffffff) throw new UploadRefused('zipBomb');
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxZipRatio) throw new UploadRefused('zipBomb');
  }
  if (total > limits.maxZipUncompressedBytes) throw new UploadRefused('zipBomb');
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const previous = byOffset[i - 1]!;
    if (previous.localHeaderOffset + 30 + previous.compressedSize > byOffset[i]!.localHeaderOffset) {
      throw new UploadRefused('zipBomb');
    }
  }
}

/**
 * A PDF is accepted when it ends like a complete PDF (`startxref` and `%%EOF` near the end) and
 * declares no encryption (`/Encrypt` in a trailer: the one at `startxref`, the last bytes, or the
 * first page's trailer of a linearised file). Damage deeper inside is found by text extraction.
 */
async function checkPdf(source: ByteSource, head: Uint8Array, tail: Uint8Array) {
  const end = latin1(tail);
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(end.slice(-2048)) ?? /startxref\s+(\d+)\s+%%EOF/.exec(end);
  if (!startxref) throw new UploadRefused('pdfCorrupt');
  const xrefOffset = Number(startxref[1]);
  if (!Number.isSafeInteger(xrefOffset) || xrefOffset >= source.size) throw new UploadRefused('pdfCorrupt');
  const trailer = latin1(await source.read(xrefOffset, 8192));
  if (!/^\s*(xref|\d+\s+\d+\s+obj)/.test(trailer)) throw new UploadRefused('pdfCorrupt');
  if ([trailer, end, latin1(head)].some((text) => /\/Encrypt\b/.test(text))) throw new UploadRefused('pdfEncrypted');
}

async function checkImage(source: ByteSource, kind: FileKind, head: Uint8Array, limits: ArchiveFileLimits) {
  let size = imageSize(head, kind);
  if (!size && kind === 'tiff') {
    const offset = tiffDirectoryOffset(head);
    if (offset !== undefined && offset < source.size) size = tiffDirectorySize(await source.read(offset, 2 + 64 * 12), head[0] === 0x49);
  }
  if (!size || size.width === 0 || size.height === 0) throw new UploadRefused('imageUnreadable');
  if (size.width * size.height > limits.maxImagePixels) {
    throw new UploadRefused('tooManyPixels', { width: size.width, height: size.height });
  }
}

/**
 * Decides whether a file may enter the archive, from its bytes: not empty, not over the size limit,
 * a name that is not a program's and does not claim another type, a kind on the archive's list,
 * then the per-kind checks above. Returns the kind, its media type and a safe display name
 * (Vietnamese kept, folders and control characters dropped); throws `UploadRefused` otherwise.
 */
export async function inspectArchiveFile(source: ByteSource, originalName: string, limits: ArchiveFileLimits) {
  if (source.size === 0) throw new UploadRefused('empty');
  if (source.size > limits.maxBytes) throw new UploadRefused('tooLarge', { max: Math.floor(limits.maxBytes / 1024 / 1024) });
  const extension = /\.([^./\\]+)$/.exec(originalName.trim())?.[1]?.toLowerCase();
  if (extension && DANGEROUS_EXTENSIONS.has(extension)) throw new UploadRefused('nameNotAllowed', { extension: extension.toUpperCase() });

  const head = await source.read(0, 1024 * 1024);
  const tail = source.size <= TAIL ? head.subarray(0, source.size) : await source.read(source.size - TAIL, TAIL);
  let entries: ZipEntry[] | undefined;
  const isZip = head[0] === 0x50 && head[1] === 0x4b;
  if (isZip) entries = await zipEntriesOf(source, tail);
  const detected = detectFileKind(head, () => entries?.map((e) => e.name));
  const kind = detected && (ARCHIVE_FILE_KINDS as readonly FileKind[]).includes(detected) ? detected : undefined;

  const claimed = kindClaimedByName(originalName);
  if (claimed && claimed !== kind) throw new UploadRefused('mismatch', { extension: ALLOWED_TYPES[claimed].extension.toUpperCase() });
  if (!kind) throw new UploadRefused(isZip && !entries ? 'zipCorrupt' : 'notAllowed');

  if (kind === 'pdf') await checkPdf(source, head, tail);
  if (kind === 'docx' || kind === 'xlsx' || kind === 'odt') {
    if (!entries) throw new UploadRefused('zipCorrupt');
    checkZip(entries, limits);
  }
  if (kind === 'jpeg' || kind === 'png' || kind === 'tiff') await checkImage(source, kind, head, limits);
  return { kind, contentType: ALLOWED_TYPES[kind].mime, fileName: sanitizeFileName(originalName, kind) };
}
