import { IngestFailure } from './failure';

/** What one document may cost the worker; beyond these it fails with a reason instead of exhausting the machine. */
export const INGEST_LIMITS = {
  /** A PDF with more pages is refused. */
  maxPages: 2000,
  /** Pages without a text layer that are OCR'd; further scanned pages stay unindexed. */
  maxOcrPages: 300,
  /** Pages that get a preview image. */
  maxPreviewPages: 300,
  /** An image (or TIFF page) larger than this is refused before it is decoded: no decompression bombs. */
  maxImagePixels: 60_000_000,
  /** A PDF page is rendered at most this large (the scale is lowered to fit). */
  maxRenderPixels: 12_000_000,
  /** Resolution at which scanned PDF pages are rendered for OCR. */
  ocrDpi: 300,
  /** Width of page previews: a tablet's screen. */
  previewWidth: 1280,
  /** Total uncompressed size of a DOCX/XLSX/ODT (they are ZIPs), and of their entries. */
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxZipEntries: 10_000,
  /** Spreadsheet cells read; the rest of a huge sheet is not indexed. */
  maxCells: 1_000_000,
  /** Extracted text kept for search (characters). */
  maxTextChars: 5_000_000,
} as const;

/** A time limit for one job: checked between steps, and aborting OCR that runs past it. */
export class Deadline {
  readonly signal: AbortSignal;

  constructor(readonly seconds: number) {
    this.signal = AbortSignal.timeout(seconds * 1000);
  }

  check() {
    if (this.signal.aborted) throw this.failure();
  }

  failure() {
    return new IngestFailure('timeout', { seconds: this.seconds });
  }
}

/** Trims text to the kept length and removes what PostgreSQL text cannot hold (NUL). */
export function cleanText(text: string): string {
  const cleaned = text.replace(/\u0000/g, '').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  return cleaned.length > INGEST_LIMITS.maxTextChars ? cleaned.slice(0, INGEST_LIMITS.maxTextChars) : cleaned;
}
