import sharp, { type Metadata, type Sharp } from 'sharp';
import { IngestFailure } from './failure';
import { INGEST_LIMITS } from './limits';
import { greyscalePgm } from './ocr';
import type { ExtractContext, Extraction, PagePreview } from './types';

const megapixels = (pixels: number) => Math.round(pixels / 100_000) / 10;

/** A preview (WebP, at most the tablet width) of a decoded page. */
export async function previewOf(image: Sharp, page: number): Promise<PagePreview> {
  const { data, info } = await image
    .clone()
    .resize({ width: INGEST_LIMITS.previewWidth, withoutEnlargement: true })
    .webp({ quality: 78, effort: 2 }) // effort 2: a third of the default's time, nearly the same size
    .toBuffer({ resolveWithObject: true });
  return { page, data, width: info.width, height: info.height };
}

/** The greyscale pixels of a decoded page as an OCR input. */
export async function ocrInputOf(image: Sharp): Promise<Buffer> {
  const { data, info } = await image.clone().greyscale().raw().toBuffer({ resolveWithObject: true });
  return greyscalePgm(data, info.width, info.height);
}

function isPixelLimit(error: unknown) {
  return error instanceof Error && /pixel limit/i.test(error.message);
}

/**
 * JPEG, PNG and TIFF (every page of a multi-page TIFF): OCR and a preview per page. The size is
 * read from the header and checked before anything is decoded, so a 20,000 × 20,000 image is
 * refused without allocating its pixels.
 */
export async function extractImage(bytes: Uint8Array, context: ExtractContext): Promise<Extraction> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new IngestFailure('corrupt');
  }
  const pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
  if (!pixels) throw new IngestFailure('corrupt');
  const max = INGEST_LIMITS.maxImagePixels;
  if (pixels > max) throw new IngestFailure('imageTooLarge', { megapixels: megapixels(pixels), max: megapixels(max) });
  const pageCount = metadata.pages ?? 1;
  if (pageCount > INGEST_LIMITS.maxPages) throw new IngestFailure('tooManyPages', { pages: pageCount, max: INGEST_LIMITS.maxPages });

  const texts: string[] = [];
  for (let page = 0; page < pageCount; page++) {
    context.deadline.check();
    const image = sharp(bytes, { page, limitInputPixels: max, failOn: 'error' }).rotate(); // EXIF orientation
    try {
      if (page < INGEST_LIMITS.maxOcrPages) {
        const engine = await context.ocr();
        texts.push(await engine.recognize(await ocrInputOf(image), context.deadline.signal));
      }
      if (context.onPreview && page < INGEST_LIMITS.maxPreviewPages) await context.onPreview(await previewOf(image, page + 1));
    } catch (error) {
      if (context.deadline.signal.aborted) throw context.deadline.failure();
      if (isPixelLimit(error)) throw new IngestFailure('imageTooLarge', { megapixels: '> ' + megapixels(max), max: megapixels(max) });
      if (error instanceof Error && /^(Input|VipsJpeg|VipsForeign|tiff|png|jpeg)/i.test(error.message)) throw new IngestFailure('corrupt');
      throw error;
    }
  }
  return { text: texts.join('\n\n'), source: 'ocr', pageCount };
}
