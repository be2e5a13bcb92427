import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { IngestFailure } from './failure';
import { ocrInputOf, previewOf } from './image';
import { INGEST_LIMITS } from './limits';
import type { ExtractContext, Extraction } from './types';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfPage = Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>;

let loaded: Promise<PdfJs> | undefined;
/** pdf.js is large: loaded on the first PDF, in the worker process only. */
const pdfjs = () => (loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

// Fonts, character maps, colour profiles and decoders ship inside the package: read from disk, never fetched.
const assets = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const assetUrl = (folder: string) => `${path.join(assets, folder)}${path.sep}`;

/** A page with fewer visible characters than this in its text layer, and an image, is treated as a scan. */
const SCANNED_PAGE_CHARS = 16;

/** Whether the page paints an image (a scan is one image per page; a blank or short text page has none). */
async function paintsImage(page: PdfPage, ops: PdfJs['OPS']) {
  const imageOps = new Set<number>([ops.paintImageXObject, ops.paintInlineImageXObject, ops.paintImageXObjectRepeat, ops.paintImageMaskXObject]);
  const { fnArray } = await page.getOperatorList();
  return fnArray.some((op) => imageOps.has(op));
}

function pageText(items: { str?: string; hasEOL?: boolean }[]): string {
  let text = '';
  for (const item of items) {
    if (item.str === undefined) continue;
    text += item.str;
    if (item.hasEOL) text += '\n';
  }
  return text;
}

/** Renders a page to pixels, at `dpi` or less when that would exceed the pixel limit. */
async function renderPage(page: PdfPage, dpi: number) {
  const base = page.getViewport({ scale: 1 });
  const area = base.width * base.height;
  if (!(area > 0)) return undefined;
  const scale = Math.min(dpi / 72, Math.sqrt(INGEST_LIMITS.maxRenderPixels / area));
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.floor(viewport.width));
  const height = Math.max(1, Math.floor(viewport.height));
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
  const pixels = context.getImageData(0, 0, width, height).data;
  return sharp(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), { raw: { width, height, channels: 4 } });
}

/**
 * A PDF's text layer page by page; pages without one (scans) are rendered and OCR'd. Every page
 * up to the preview limit gets a preview. A password-protected PDF or one pdf.js cannot parse
 * fails with a clear reason.
 */
export async function extractPdf(bytes: Uint8Array, context: ExtractContext): Promise<Extraction> {
  const { getDocument, OPS } = await pdfjs();
  const task = getDocument({
    data: new Uint8Array(bytes), // pdf.js takes ownership of the array it is given
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: assetUrl('standard_fonts'),
    cMapUrl: assetUrl('cmaps'),
    cMapPacked: true,
    wasmUrl: assetUrl('wasm'),
    iccUrl: assetUrl('iccs'),
    maxImageSize: INGEST_LIMITS.maxImagePixels,
    verbosity: 0,
  });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    if ((error as Error)?.name === 'PasswordException') throw new IngestFailure('encrypted');
    throw new IngestFailure('corrupt');
  }
  try {
    const pageCount = document.numPages;
    if (pageCount > INGEST_LIMITS.maxPages) throw new IngestFailure('tooManyPages', { pages: pageCount, max: INGEST_LIMITS.maxPages });
    const texts: string[] = [];
    let ocrPages = 0;
    for (let number = 1; number <= pageCount; number++) {
      context.deadline.check();
      const page = await document.getPage(number).catch(() => Promise.reject(new IngestFailure('corrupt')));
      try {
        const content = await page.getTextContent().catch(() => Promise.reject(new IngestFailure('corrupt')));
        let text = pageText(content.items as { str?: string; hasEOL?: boolean }[]);
        const scanned = text.replace(/\s/g, '').length < SCANNED_PAGE_CHARS && (await paintsImage(page, OPS));
        const ocr = scanned && ocrPages < INGEST_LIMITS.maxOcrPages;
        const preview = context.onPreview && number <= INGEST_LIMITS.maxPreviewPages;
        if (ocr || preview) {
          // One rendering serves both: OCR resolution when the page is a scan, else the preview's.
          const dpi = ocr ? INGEST_LIMITS.ocrDpi : (INGEST_LIMITS.previewWidth / page.getViewport({ scale: 1 }).width) * 72;
          const image = await renderPage(page, dpi);
          if (image && ocr) {
            ocrPages += 1;
            const engine = await context.ocr();
            const recognised = await engine.recognize(await ocrInputOf(image), context.deadline.signal);
            text = `${text}\n${recognised}`.trim();
          }
          if (image && preview) await context.onPreview!(await previewOf(image, number));
        }
        texts.push(text);
      } finally {
        page.cleanup();
      }
    }
    return { text: texts.join('\n\n'), source: ocrPages > 0 ? 'ocr' : 'text_layer', pageCount };
  } catch (error) {
    if (context.deadline.signal.aborted && !(error instanceof IngestFailure)) throw context.deadline.failure();
    throw error;
  } finally {
    await document.destroy().catch(() => undefined);
  }
}
