import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { extractDocument } from './extract';
import { IngestFailure } from './failure';
import { Deadline, INGEST_LIMITS } from './limits';
import { type OcrEngine, createOcrEngine } from './ocr';
import { RESOLUTION_LINES, charErrorRate, docx, encryptedPdf, hugePngHeader, odt, scanPng, scannedPdf, textPdf, xlsx, zipOfDeflated } from './test-fixtures';
import type { PagePreview } from './types';

const dataDir = await mkdtemp(path.join(tmpdir(), 'quorum-ingest-'));
process.env.QUORUM_DATA_DIR = dataDir;
resetEnvCache();

let engine: OcrEngine;
beforeAll(async () => {
  engine = await createOcrEngine('tesseract.js', 1);
});
afterAll(async () => {
  await engine?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function extract(bytes: Uint8Array, seconds = 60) {
  const previews: PagePreview[] = [];
  const result = await extractDocument(bytes, {
    deadline: new Deadline(seconds),
    ocr: async () => engine,
    onPreview: async (preview) => {
      previews.push(preview);
    },
  });
  return { ...result, previews };
}

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(IngestFailure);
  return (error as IngestFailure).code;
}

const isWebp = (data: Buffer) => data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP';
const truth = RESOLUTION_LINES.join(' ');

describe('text extraction', () => {
  it('reads the text layer of a PDF page by page, with a tablet-width preview of each page', async () => {
    const pdf = await textPdf([['Nghị quyết số 09-NQ/HU', 'về công tác xây dựng Đảng'], ['Trang hai: Ủy ban kiểm tra']]);
    const result = await extract(pdf);
    expect(result).toMatchObject({ source: 'text_layer', pageCount: 2 });
    expect(result.text).toContain('Nghị quyết số 09-NQ/HU');
    expect(result.text).toContain('Trang hai: Ủy ban kiểm tra');
    expect(result.previews.map((p) => [p.page, p.width])).toEqual([
      [1, INGEST_LIMITS.previewWidth],
      [2, INGEST_LIMITS.previewWidth],
    ]);
    expect(result.previews.every((p) => isWebp(p.data) && p.height > p.width)).toBe(true);
  });

  it('reads Word, OpenDocument and Excel files', async () => {
    const word = await extract(docx(['Biên bản họp chi bộ tháng 11', 'Đồng chí Nguyễn Văn An chủ trì']));
    expect(word).toMatchObject({ source: 'docx', pageCount: null });
    expect(word.text).toContain('Biên bản họp chi bộ tháng 11');
    expect(word.text).toContain('Đồng chí Nguyễn Văn An chủ trì');

    const open = await extract(odt(['Kế hoạch số 12-KH/ĐU', 'Triển khai  học tập nghị quyết']));
    expect(open).toMatchObject({ source: 'odt' });
    expect(open.text).toBe('Kế hoạch số 12-KH/ĐU\nTriển khai  học tập nghị quyết');

    const sheet = await extract(await xlsx([['Họ và tên', 'Chi bộ', 'Năm'], ['Trần Thị Bình', 'Chi bộ thôn Đồng Tâm', 2025]]));
    expect(sheet).toMatchObject({ source: 'xlsx' });
    expect(sheet.text).toContain('Danh sách');
    expect(sheet.text).toContain('Trần Thị Bình\tChi bộ thôn Đồng Tâm\t2025');
  });

  it('OCRs a Vietnamese scan (image and scanned PDF) with a character error rate under 5 %', async () => {
    const png = scanPng();
    const image = await extract(png);
    expect(image).toMatchObject({ source: 'ocr', pageCount: 1 });
    expect(charErrorRate(truth, image.text)).toBeLessThan(0.05);
    expect(image.previews).toHaveLength(1);

    const pdf = await extract(await scannedPdf([png]));
    expect(pdf).toMatchObject({ source: 'ocr', pageCount: 1 });
    expect(charErrorRate(truth, pdf.text)).toBeLessThan(0.05);
    expect(pdf.previews[0]!.width).toBe(INGEST_LIMITS.previewWidth);
  });

  it('refuses corrupt, encrypted, unknown and oversized files with a reason', async () => {
    expect(await failureOf(extract(Buffer.from('%PDF-1.7\nthis is not really a PDF\n%%EOF')))).toBe('corrupt');
    expect(await failureOf(extract(encryptedPdf()))).toBe('encrypted');
    expect(await failureOf(extract(Buffer.from('<html><script>alert(1)</script></html>')))).toBe('unsupported');
    expect(await failureOf(extract(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])))).toBe('corrupt');
    const started = Date.now();
    expect(await failureOf(extract(hugePngHeader(20_000, 20_000)))).toBe('imageTooLarge');
    expect(Date.now() - started).toBeLessThan(2_000); // refused from the header, nothing decoded
  });

  it('stops a DOCX zip bomb at the size limit instead of inflating it', async () => {
    const deflate = (text: string) => ({ deflated: deflateRawSync(Buffer.from(text)), size: Buffer.byteLength(text) });
    const size = INGEST_LIMITS.maxUnzippedBytes + 2 ** 20;
    const bomb = zipOfDeflated([
      { name: '[Content_Types].xml', ...deflate('<Types/>') },
      { name: 'word/document.xml', ...deflate('<w:document/>') },
      { name: 'word/media/bomb.bin', deflated: deflateRawSync(Buffer.alloc(size), { level: 1 }), size: 1024 }, // lies about its size
    ]);
    expect(bomb.length).toBeLessThan(2 ** 20); // under a megabyte that expands past the limit
    expect(await failureOf(extract(bomb))).toBe('archiveTooLarge');
  });

  it('fails a document that runs past its deadline', async () => {
    const pdf = await scannedPdf([scanPng(), scanPng()]);
    const deadline = new Deadline(10);
    Object.defineProperty(deadline, 'signal', { value: AbortSignal.abort() });
    const error = await extractDocument(pdf, { deadline, ocr: async () => engine }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'timeout', values: { seconds: 10 } });
  });
});
