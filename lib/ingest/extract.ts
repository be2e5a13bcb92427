import { type FileKind, sniffFileKind } from '@/lib/storage/sniff';
import { IngestFailure } from './failure';
import { extractImage } from './image';
import { cleanText } from './limits';
import { extractDocx, extractOdt, extractXlsx } from './office';
import { extractPdf } from './pdf';
import type { ExtractContext, Extraction } from './types';

export type IngestKind = FileKind | 'tiff';

/** The file's type from its bytes (TIFF included: scanners produce it). */
export function ingestKind(bytes: Uint8Array): IngestKind | undefined {
  const kind = sniffFileKind(bytes);
  if (kind) return kind;
  const head = Buffer.from(bytes.subarray(0, 4)).toString('latin1');
  if (head === 'II*\u0000' || head === 'MM\u0000*') return 'tiff';
  return undefined;
}

/** The searchable text of a stored file, decided by what its bytes are, never by its name. */
export async function extractDocument(bytes: Uint8Array, context: ExtractContext): Promise<Extraction> {
  const kind = ingestKind(bytes);
  let result: Extraction;
  switch (kind) {
    case 'pdf':
      result = await extractPdf(bytes, context);
      break;
    case 'jpeg':
    case 'png':
    case 'tiff':
      result = await extractImage(bytes, context);
      break;
    case 'docx':
      result = await extractDocx(bytes);
      break;
    case 'xlsx':
      result = extractXlsx(bytes);
      break;
    case 'odt':
      result = extractOdt(bytes);
      break;
    default:
      throw new IngestFailure('unsupported');
  }
  return { ...result, text: cleanText(result.text.normalize('NFC')) };
}
