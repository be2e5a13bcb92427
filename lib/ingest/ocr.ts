import { execFile, spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { OEM, type Worker, createWorker } from 'tesseract.js';
import { env } from '@/lib/env';
import { jobSettings } from '@/lib/jobs/settings';

/** Vietnamese first: where both read a word alike, the Vietnamese model wins. */
export const OCR_LANGUAGES = ['vie', 'eng'] as const;

export type OcrEngineName = 'native' | 'tesseract.js';

/** Reads the text of one page image (PNG, JPEG, TIFF or PGM bytes). */
export interface OcrEngine {
  readonly name: OcrEngineName;
  recognize(image: Uint8Array, signal?: AbortSignal): Promise<string>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** The trained models shipped by `@tesseract.js-data/*` (LSTM, integer "best"): nothing is downloaded. */
function packagedModel(language: string) {
  const folder = path.dirname(require.resolve(`@tesseract.js-data/${language}/package.json`));
  return path.join(folder, '4.0.0_best_int', `${language}.traineddata.gz`);
}

/** tesseract.js reads every language from one folder: links to the packaged files, made once. */
async function tesseractJsLangPath(): Promise<string> {
  const folder = path.resolve(env().QUORUM_DATA_DIR, 'ocr', 'tesseract.js');
  await mkdir(folder, { recursive: true });
  for (const language of OCR_LANGUAGES) {
    const link = path.join(folder, `${language}.traineddata.gz`);
    if (existsSync(link)) continue;
    await symlink(packagedModel(language), link).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
  return folder;
}

/**
 * The native binary gets the same models, unpacked once into the data folder, so both engines
 * read alike and the system needs no `tesseract-ocr-vie` package.
 */
async function nativeTessdataDir(): Promise<string> {
  const folder = path.resolve(env().QUORUM_DATA_DIR, 'ocr', 'tessdata');
  await mkdir(folder, { recursive: true });
  for (const language of OCR_LANGUAGES) {
    const target = path.join(folder, `${language}.traineddata`);
    if (existsSync(target)) continue;
    const partial = `${target}.${process.pid}.partial`;
    try {
      await pipeline(createReadStream(packagedModel(language)), createGunzip(), createWriteStream(partial));
      await rename(partial, target);
    } finally {
      await rm(partial, { force: true });
    }
  }
  return folder;
}

/** Whether a native `tesseract` (4 or later) is on the PATH. */
export function nativeTesseractAvailable(): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('tesseract', ['--version'], { timeout: 10_000 }, (error, stdout, stderr) =>
      resolve(!error && /tesseract\s+v?([4-9]|\d\d)/i.test(`${stdout}${stderr}`)),
    );
  });
}

class NativeTesseract implements OcrEngine {
  readonly name = 'native';

  constructor(private readonly tessdata: string) {}

  recognize(image: Uint8Array, signal?: AbortSignal): Promise<string> {
    return new Promise((resolve, reject) => {
      const args = ['stdin', 'stdout', '--tessdata-dir', this.tessdata, '-l', OCR_LANGUAGES.join('+'), '--oem', '1', '--psm', '3'];
      // One thread per page: the worker runs several pages at once, sized to the cores.
      const child = spawn('tesseract', args, { signal, env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
        else reject(new Error(`tesseract exited with ${code}: ${Buffer.concat(err).toString('utf8').slice(0, 500)}`));
      });
      child.stdin.on('error', () => undefined); // the close handler reports the failure
      child.stdin.end(image);
    });
  }

  async close() {}
}

/**
 * A small pool of tesseract.js workers (WASM in worker threads), created on first use and reused:
 * each holds the models in memory (~100 MB), so there are no more than the jobs run at once. A
 * page that runs past its deadline terminates its worker; a new one replaces it when needed.
 */
class TesseractJsPool implements OcrEngine {
  readonly name = 'tesseract.js';
  private readonly idle: Worker[] = [];
  private readonly waiting: { resolve: (worker: Worker) => void; reject: (error: unknown) => void }[] = [];
  private size = 0;
  private closed = false;

  constructor(
    private readonly maxWorkers: number,
    private readonly langPath: string,
  ) {}

  private async create(): Promise<Worker> {
    this.size += 1;
    try {
      return await createWorker([...OCR_LANGUAGES], OEM.LSTM_ONLY, { langPath: this.langPath, gzip: true, cacheMethod: 'none' });
    } catch (error) {
      this.size -= 1;
      throw error;
    }
  }

  private acquire(): Promise<Worker> {
    if (this.closed) return Promise.reject(new Error('the OCR engine is closed'));
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    if (this.size < this.maxWorkers) return this.create();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(worker: Worker) {
    const next = this.waiting.shift();
    if (next) next.resolve(worker);
    else this.idle.push(worker);
  }

  private discard(worker: Worker) {
    this.size -= 1;
    void worker.terminate().catch(() => undefined);
    const next = this.waiting.shift();
    if (next) this.create().then(next.resolve, next.reject);
  }

  async recognize(image: Uint8Array, signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    const worker = await this.acquire();
    let discarded = false;
    const onAbort = () => {
      discarded = true;
      this.discard(worker);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const { data } = await worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
      return data.text;
    } catch (error) {
      if (!discarded) {
        discarded = true;
        this.discard(worker);
      }
      throw signal?.aborted ? signal.reason : error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (!discarded) this.release(worker);
    }
  }

  async close() {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('the OCR engine is closed'));
    await Promise.all(this.idle.splice(0).map((worker) => worker.terminate().catch(() => undefined)));
  }
}

/** Creates an engine; `auto` takes the native binary when it is installed (about twice as fast). */
export async function createOcrEngine(choice: 'auto' | OcrEngineName = 'auto', maxWorkers = jobSettings().concurrency): Promise<OcrEngine> {
  const native = choice === 'native' || (choice === 'auto' && (await nativeTesseractAvailable()));
  if (native) return new NativeTesseract(await nativeTessdataDir());
  return new TesseractJsPool(maxWorkers, await tesseractJsLangPath());
}

const globalForOcr = globalThis as unknown as { quorumOcr?: Promise<OcrEngine>; quorumOcrChoice?: { choice: 'auto' | OcrEngineName; maxWorkers: number } };

/** Sets the engine and pool size `ocrEngine()` will create (the job worker passes its settings). */
export function configureOcrEngine(choice: 'auto' | OcrEngineName, maxWorkers: number) {
  globalForOcr.quorumOcrChoice = { choice, maxWorkers };
}

/** The process's OCR engine (as configured, else per QUORUM_OCR_ENGINE), created on first use. */
export function ocrEngine(): Promise<OcrEngine> {
  const { choice, maxWorkers } = globalForOcr.quorumOcrChoice ?? { choice: jobSettings().ocrEngine, maxWorkers: jobSettings().concurrency };
  globalForOcr.quorumOcr ??= createOcrEngine(choice, maxWorkers).catch((error) => {
    globalForOcr.quorumOcr = undefined;
    throw error;
  });
  return globalForOcr.quorumOcr;
}

/** Terminates the tesseract.js workers (on shutdown). */
export async function closeOcrEngine() {
  const engine = globalForOcr.quorumOcr;
  globalForOcr.quorumOcr = undefined;
  await (await engine?.catch(() => undefined))?.close();
}

/** An 8-bit greyscale image as binary PGM: both engines read it, and it costs nothing to encode. */
export function greyscalePgm(pixels: Uint8Array, width: number, height: number): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii'), pixels]);
}
