import type { Deadline } from './limits';
import type { OcrEngine } from './ocr';

/** Where a version's text came from (`archive_versions.text_source`). */
export type TextSource = 'text_layer' | 'ocr' | 'docx' | 'xlsx' | 'odt';

export type Extraction = { text: string; source: TextSource; pageCount: number | null };

/** One page image for the in-browser viewer (WebP). */
export type PagePreview = { page: number; data: Buffer; width: number; height: number };

export type ExtractContext = {
  deadline: Deadline;
  ocr: () => Promise<OcrEngine>;
  /** Receives each page preview as soon as it is made (so they are not all held in memory). */
  onPreview?: (preview: PagePreview) => Promise<void>;
};
