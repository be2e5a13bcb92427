import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { IngestFailure } from './failure';
import { INGEST_LIMITS } from './limits';
import type { Extraction } from './types';

type ZipEntry = { name: string; method: number; compressedSize: number; offset: number };

/** The entries of a ZIP's central directory (the authoritative list, also when local headers defer sizes). */
function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new IngestFailure('corrupt');
  const count = view.getUint16(end + 10, true);
  if (count > INGEST_LIMITS.maxZipEntries) throw new IngestFailure('archiveTooLarge', { max: INGEST_LIMITS.maxUnzippedBytes / 2 ** 20 });
  let offset = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) throw new IngestFailure('corrupt');
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    entries.push({
      name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      offset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflates a ZIP's entries (DOCX, XLSX and ODT are ZIPs) with a cap on the output, so a zip bomb
 * stops at the limit instead of filling the memory; the sizes the file declares are not trusted.
 * Returns the entries `keep` asks for.
 */
export function readZip(bytes: Uint8Array, keep: (name: string) => boolean): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const max = INGEST_LIMITS.maxUnzippedBytes;
  const tooLarge = () => new IngestFailure('archiveTooLarge', { max: max / 2 ** 20 });
  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const entry of zipEntries(bytes)) {
    const header = entry.offset;
    if (header + 30 > bytes.length || view.getUint32(header, true) !== 0x04034b50) throw new IngestFailure('corrupt');
    const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
    const compressed = bytes.subarray(start, start + entry.compressedSize);
    if (compressed.length !== entry.compressedSize) throw new IngestFailure('corrupt');
    let content: Uint8Array;
    if (entry.method === 0) content = compressed;
    else if (entry.method === 8) {
      try {
        content = inflateRawSync(compressed, { maxOutputLength: Math.max(1, max - total) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
        throw new IngestFailure('corrupt');
      }
    } else throw new IngestFailure('corrupt');
    total += content.length;
    if (total > max) throw tooLarge();
    if (keep(entry.name)) files.set(entry.name, content);
  }
  return files;
}

type Handlers = {
  open?: (tag: SaxesTagPlain) => void;
  close?: (tag: SaxesTagPlain) => void;
  text?: (text: string) => void;
};

/** Streams through an XML part (no DTDs, no external entities: saxes does not expand them). */
function parseXml(bytes: Uint8Array | undefined, handlers: Handlers) {
  if (!bytes) return;
  const parser = new SaxesParser();
  parser.on('error', () => {
    throw new IngestFailure('corrupt');
  });
  if (handlers.open) parser.on('opentag', handlers.open);
  if (handlers.close) parser.on('closetag', handlers.close);
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  parser.write(new TextDecoder().decode(bytes)).close();
}

/** Word: the ZIP is checked for size first, then mammoth reads the text (paragraphs, tables, notes). */
export async function extractDocx(bytes: Uint8Array): Promise<Extraction> {
  readZip(bytes, () => false);
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return { text: value, source: 'docx', pageCount: null };
  } catch {
    throw new IngestFailure('corrupt');
  }
}

/** OpenDocument text: `content.xml`, paragraph by paragraph. */
export function extractOdt(bytes: Uint8Array): Extraction {
  const files = readZip(bytes, (name) => name === 'content.xml');
  if (!files.has('content.xml')) throw new IngestFailure('corrupt');
  let text = '';
  parseXml(files.get('content.xml'), {
    open: (tag) => {
      if (tag.name === 'text:s') text += ' '.repeat(Math.min(100, Number(tag.attributes['text:c'] ?? 1) || 1));
      else if (tag.name === 'text:tab') text += '\t';
      else if (tag.name === 'text:line-break') text += '\n';
    },
    close: (tag) => {
      if (tag.name === 'text:p' || tag.name === 'text:h') text += '\n';
    },
    text: (value) => {
      text += value;
    },
  });
  return { text, source: 'odt', pageCount: null };
}

/** A relationship target inside `xl/`, as a ZIP entry name. */
function partName(target: string) {
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

/**
 * Excel: every sheet's cells (shared and inline strings, numbers), one row per line, with the
 * sheet's name as a heading. At most `maxCells` cells are read.
 */
export function extractXlsx(bytes: Uint8Array): Extraction {
  const files = readZip(
    bytes,
    (name) => name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels' || name === 'xl/sharedStrings.xml' || name.startsWith('xl/worksheets/'),
  );
  if (!files.has('xl/workbook.xml')) throw new IngestFailure('corrupt');

  const targets = new Map<string, string>();
  parseXml(files.get('xl/_rels/workbook.xml.rels'), {
    open: (tag) => {
      if (tag.name === 'Relationship') targets.set(String(tag.attributes.Id), partName(String(tag.attributes.Target)));
    },
  });
  const sheets: { name: string; part: string }[] = [];
  parseXml(files.get('xl/workbook.xml'), {
    open: (tag) => {
      if (tag.name !== 'sheet') return;
      const part = targets.get(String(tag.attributes['r:id']));
      if (part) sheets.push({ name: String(tag.attributes.name ?? ''), part });
    },
  });

  const shared: string[] = [];
  let current: string | undefined;
  let phonetic = 0;
  parseXml(files.get('xl/sharedStrings.xml'), {
    open: (tag) => {
      if (tag.name === 'si') current = '';
      else if (tag.name === 'rPh') phonetic += 1;
    },
    close: (tag) => {
      if (tag.name === 'si') shared.push(current ?? '');
      else if (tag.name === 'rPh') phonetic -= 1;
    },
    text: (value) => {
      if (current !== undefined && !phonetic) current += value;
    },
  });

  const lines: string[] = [];
  let cells = 0;
  for (const sheet of sheets) {
    if (cells >= INGEST_LIMITS.maxCells) break;
    lines.push(sheet.name);
    let row: string[] = [];
    let cellType = '';
    let value: string | undefined;
    parseXml(files.get(sheet.part), {
      open: (tag) => {
        if (tag.name === 'c') {
          cellType = String(tag.attributes.t ?? 'n');
          value = undefined;
        } else if (tag.name === 'v' || tag.name === 't') value ??= '';
      },
      close: (tag) => {
        if (tag.name === 'c') {
          cells += 1;
          if (value !== undefined && cells <= INGEST_LIMITS.maxCells && cellType !== 'b' && cellType !== 'e') {
            row.push(cellType === 's' ? (shared[Number(value)] ?? '') : value);
          }
          value = undefined;
        } else if (tag.name === 'row') {
          if (row.some((cell) => cell.trim())) lines.push(row.join('\t'));
          row = [];
        }
      },
      text: (text) => {
        if (value !== undefined) value += text;
      },
    });
    lines.push('');
  }
  return { text: lines.join('\n'), source: 'xlsx', pageCount: null };
}
