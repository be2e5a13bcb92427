import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

// PDF's standard fonts have no Vietnamese letters; Be Vietnam Pro (OFL) is embedded instead, as a
// subset of the glyphs used. The TTF files ship in an npm package: nothing is downloaded.
const FONT_DIR = path.join(process.cwd(), 'node_modules', '@expo-google-fonts', 'be-vietnam-pro');
const files = { regular: '400Regular/BeVietnamPro_400Regular.ttf', bold: '700Bold/BeVietnamPro_700Bold.ttf' } as const;
const cache = new Map<keyof typeof files, Buffer>();

function fontBytes(weight: keyof typeof files) {
  let bytes = cache.get(weight);
  if (!bytes) {
    bytes = readFileSync(path.join(FONT_DIR, files[weight]));
    cache.set(weight, bytes);
  }
  return bytes;
}

export type VietnameseFonts = { regular: PDFFont; bold: PDFFont };

export async function embedVietnameseFonts(doc: PDFDocument): Promise<VietnameseFonts> {
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([
    doc.embedFont(fontBytes('regular'), { subset: true }),
    doc.embedFont(fontBytes('bold'), { subset: true }),
  ]);
  return { regular, bold };
}
