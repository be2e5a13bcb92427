// `npm run bench:ingest [-- --text-pages 60 --scan-pages 6 --upload-mb 200 --skip-upload]`
//
// 1. Text PDFs: pages per minute through the ingest extraction (text layer and page previews).
// 2. Scans: pages per minute of OCR (Vietnamese + English) on the same A4 pages scanned at
//    300 dpi, with tesseract.js and with the native `tesseract` binary, both run with as many pages
//    at once as there are cores; and the whole scanned-PDF pipeline (render, OCR, preview). When the
//    binary is missing and this runs as root, `apt-get install tesseract-ocr` is tried first;
//    otherwise the native figure is reported as not measured.
// 3. Upload memory: the resident memory of the real production web server (lib/cli/serve.ts, the build in
//    .next, built here when missing) while one file of --upload-mb MB is uploaded through the tus
//    endpoint, against its idle memory.
// Writes bench/results/ingest.json.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { encode } from 'next-auth/jwt';
import pg from 'pg';
import { seedDemo } from '@/db/seed/demo';
import { appRoleUrl, ensureAppRole } from '@/lib/db/app-role';
import { closeDb, getDb } from '@/lib/db/client';
import { freePort, startEmbeddedDatabase } from '@/lib/db/embedded';
import { migrateDatabase } from '@/lib/db/migrate';
import { resetEnvCache } from '@/lib/env';
import { extractDocument } from '@/lib/ingest/extract';
import { Deadline } from '@/lib/ingest/limits';
import { type OcrEngine, createOcrEngine, greyscalePgm, nativeTesseractAvailable } from '@/lib/ingest/ocr';
import { charErrorRate, scannedPdf, textPdf } from '@/lib/ingest/test-fixtures'; // also registers the scan font
import { prepareJobQueue } from '@/lib/jobs/schema';
import sharp from 'sharp';
import { args, ensureBuild, logger, mb, option, root, rssKb, sleep } from './harness';
import { serverCommand } from '@/lib/cli/server-command';

const TEXT_PAGES = option('text-pages', 60);
const SCAN_PAGES = option('scan-pages', 6);
const UPLOAD_MB = option('upload-mb', 200);
const SKIP_UPLOAD = args.includes('--skip-upload');
const CORES = os.availableParallelism();
const log = logger('bench:ingest');
const perMinute = (pages: number, ms: number) => Math.round((pages / ms) * 60_000 * 10) / 10;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-ingest-'));
chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as its own user when started by root
process.env.QUORUM_DATA_DIR = dataDir;
process.env.LOG_LEVEL ??= 'warn';
resetEnvCache();

const SENTENCES = [
  'Ban Chấp hành Đảng bộ huyện đã lãnh đạo thực hiện thắng lợi các chỉ tiêu kinh tế - xã hội.',
  'Công tác xây dựng Đảng và hệ thống chính trị được quan tâm, chất lượng sinh hoạt chi bộ nâng lên.',
  'Đồng chí Bí thư Huyện ủy chủ trì hội nghị, các đồng chí Ủy viên Ban Thường vụ dự họp đầy đủ.',
  'Hội nghị thống nhất ban hành Nghị quyết số 09-NQ/HU về chuyển đổi số giai đoạn 2025 - 2030.',
  'Các chi bộ tổ chức học tập, quán triệt nghị quyết đến từng đảng viên trước ngày 30 tháng 6.',
];
const pageLines = (page: number, count: number) =>
  Array.from({ length: count }, (_, i) => SENTENCES[(page + i) % SENTENCES.length]!.slice(0, 80));

/** An A4 page scanned at 300 dpi: 12 pt text is 50 px high. */
function scanPage(lines: string[]): Buffer {
  const width = 2480;
  const height = 3508;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#000000';
  context.font = '46px "Quorum Scan Vietnamese"';
  lines.forEach((line, i) => context.fillText(line, 200, 260 + i * 84));
  return canvas.toBuffer('image/png');
}

async function inParallel<T>(items: T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

// ── 1. text PDFs ─────────────────────────────────────────────────────────────────────────────
const results: Record<string, unknown> = { machine: { cores: CORES, node: process.version, platform: `${os.platform()} ${os.arch()}` } };
{
  const pdf = await textPdf(Array.from({ length: TEXT_PAGES }, (_, p) => pageLines(p, 36)));
  const noOcr = async (): Promise<OcrEngine> => {
    throw new Error('a text PDF needs no OCR');
  };
  let started = Date.now();
  const plain = await extractDocument(pdf, { deadline: new Deadline(3600), ocr: noOcr });
  const textOnlyMs = Date.now() - started;
  let previews = 0;
  started = Date.now();
  await extractDocument(pdf, { deadline: new Deadline(3600), ocr: noOcr, onPreview: async () => void previews++ });
  const withPreviewsMs = Date.now() - started;
  results.textPdf = {
    pages: plain.pageCount,
    characters: plain.text.length,
    textOnlyPagesPerMinute: perMinute(TEXT_PAGES, textOnlyMs),
    withPreviewsPagesPerMinute: perMinute(TEXT_PAGES, withPreviewsMs),
    previews,
  };
  log(`text PDF, ${TEXT_PAGES} pages: ${perMinute(TEXT_PAGES, textOnlyMs)} pages/min text only, ${perMinute(TEXT_PAGES, withPreviewsMs)} with previews`);
}

// ── 2. scans ────────────────────────────────────────────────────────────────────────────────
{
  const pages = Array.from({ length: SCAN_PAGES }, (_, p) => pageLines(p, 38));
  const pngs = pages.map(scanPage);
  const inputs = await Promise.all(
    pngs.map(async (png) => {
      const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
      return greyscalePgm(data, info.width, info.height);
    }),
  );

  async function measure(name: 'tesseract.js' | 'native') {
    const engine = await createOcrEngine(name, CORES);
    try {
      // Warm-up (models loaded in every worker): start-up is paid once per process, not per page.
      await Promise.all(Array.from({ length: CORES }, () => engine.recognize(inputs[0]!)));
      const texts: string[] = new Array(inputs.length);
      const started = Date.now();
      await inParallel([...inputs.keys()], CORES, async (i) => {
        texts[i] = await engine.recognize(inputs[i]!);
      });
      const ms = Date.now() - started;
      const cer = pages.reduce((sum, lines, i) => sum + charErrorRate(lines.join(' '), texts[i]!), 0) / pages.length;
      log(`${name}: ${perMinute(inputs.length, ms)} pages/min (${CORES} at once), character error rate ${(cer * 100).toFixed(2)} %`);
      return { pagesPerMinute: perMinute(inputs.length, ms), msPerPage: Math.round(ms / inputs.length), characterErrorRate: Math.round(cer * 10_000) / 10_000 };
    } finally {
      await engine.close();
    }
  }

  const wasm = await measure('tesseract.js');
  let native: Awaited<ReturnType<typeof measure>> | { notMeasured: string };
  let installed = await nativeTesseractAvailable();
  if (!installed && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    log('the native tesseract is missing: apt-get install -y tesseract-ocr tesseract-ocr-vie…');
    spawnSync('apt-get', ['update'], { stdio: 'ignore' });
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'tesseract-ocr', 'tesseract-ocr-vie'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    installed = await nativeTesseractAvailable();
  }
  if (installed) native = await measure('native');
  else native = { notMeasured: 'the tesseract binary is not installed (and could not be installed here)' };

  // The whole pipeline on a scanned PDF: render at 300 dpi, OCR, preview.
  const pdf = await scannedPdf(pngs);
  const engine = await createOcrEngine('tesseract.js', CORES);
  await engine.recognize(inputs[0]!); // warm-up
  const started = Date.now();
  const pipeline = await extractDocument(pdf, { deadline: new Deadline(3600), ocr: async () => engine, onPreview: async () => undefined });
  const pipelineMs = Date.now() - started;
  await engine.close();
  log(`scanned PDF pipeline (one job, tesseract.js): ${perMinute(SCAN_PAGES, pipelineMs)} pages/min`);

  const ratio = 'pagesPerMinute' in native ? Math.round((native.pagesPerMinute / wasm.pagesPerMinute) * 100) / 100 : null;
  results.scans = {
    pages: SCAN_PAGES,
    page: 'A4 at 300 dpi (2480 × 3508), 38 lines of Vietnamese',
    parallelPages: CORES,
    tesseractJs: wasm,
    native,
    nativeOverTesseractJs: ratio,
    targetWithin1_5x: ratio === null ? null : ratio <= 1.5,
    scannedPdfPipeline: { pagesPerMinute: perMinute(SCAN_PAGES, pipelineMs), source: pipeline.source, oneJobAtATime: true },
  };
  if (ratio !== null) log(`native / tesseract.js throughput: ${ratio}× (target ≤ 1.5×)`);
}

// ── 3. memory while uploading through tus ────────────────────────────────────────────────────
/** Resident memory of a process and its descendants, from /proc (kB). */

/** A valid PDF of about `bytes` bytes: one page and one large incompressible stream, generated as it is sent. */
function* bigPdf(bytes: number): Generator<Buffer> {
  const head = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
  let offset = 0;
  const offsets: number[] = [];
  const emit = (text: string) => {
    const chunk = Buffer.from(text, 'latin1');
    offset += chunk.length;
    return chunk;
  };
  yield emit(head);
  for (const [i, object] of objects.entries()) {
    offsets.push(offset);
    yield emit(`${i + 1} 0 obj\n${object}\nendobj\n`);
  }
  const length = Math.max(0, bytes - 1024);
  offsets.push(offset);
  yield emit(`4 0 obj\n<< /Length ${length} >>\nstream\n`);
  const block = Buffer.alloc(1 << 20);
  for (let sent = 0; sent < length; sent += block.length) {
    for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((Math.random() * 0xffffffff) >>> 0, i);
    const part = block.subarray(0, Math.min(block.length, length - sent));
    offset += part.length;
    yield part;
  }
  yield emit('\nendstream\nendobj\n');
  const xref = offset;
  let table = `xref\n0 ${objects.length + 2}\n0000000000 65535 f \n`;
  table += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  yield emit(`${table}trailer\n<< /Size ${objects.length + 2} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
}

function pdfSize(bytes: number) {
  let size = 0;
  for (const chunk of bigPdf(bytes)) size += chunk.length;
  return size;
}

if (SKIP_UPLOAD) {
  results.upload = { notMeasured: '--skip-upload' };
} else {
  ensureBuild(log, { always: false });
  const database = await startEmbeddedDatabase({ dataDir: path.join(dataDir, 'pg'), fast: true });
  let server: ReturnType<typeof spawn> | undefined;
  try {
    await migrateDatabase(database.url);
    const appPassword = 'bench-ingest-app';
    await ensureAppRole(database.url, appPassword);
    await prepareJobQueue(database.url, 'quorum_app');
    process.env.DATABASE_URL = database.url;
    await seedDemo(getDb(), { meetings: false });
    await closeDb();
    const authSecret = 'bench-ingest-secret-bench-ingest-secret-0123';
    const owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    const { rows } = await owner.query<{ id: string; user_id: string }>(
      `insert into sessions (user_id, expires_at) select id, now() + interval '12 hours' from users where email = 'clerk@quorum.local' returning id, user_id`,
    );
    await owner.end();
    const cookie = `quorum.session=${await encode({ token: { sub: rows[0]!.user_id, sid: rows[0]!.id }, secret: authSecret })}`;

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, serverCommand({ port, hostname: '127.0.0.1' }), {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: appRoleUrl(database.url, appPassword),
        AUTH_SECRET: authSecret,
        NEXTAUTH_URL: baseUrl,
        COOKIE_SECURE: 'false',
        QUORUM_DATA_DIR: dataDir,
        UPLOAD_MAX_BYTES: String(UPLOAD_MB * 2 ** 20 + 2 ** 20),
        PORT: String(port),
      },
    });
    const pid = server.pid!;
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error('the web server exited');
      if (await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false)) break;
      if (i > 600) throw new Error('the web server did not become healthy in 60 s');
      await sleep(100);
    }
    const uploads = `${baseUrl}/api/v1/documents/uploads`;
    const headers = { Cookie: cookie, Origin: baseUrl, 'Tus-Resumable': '1.0.0' };
    const metadata = `filename ${Buffer.from('nghị-quyết-lớn.pdf').toString('base64')},filetype ${Buffer.from('application/pdf').toString('base64')}`;
    // Warm the route up (compiled chunks loaded) with a small upload, then let the memory settle.
    const create = (size: number) =>
      fetch(uploads, { method: 'POST', headers: { ...headers, 'Upload-Length': String(size), 'Upload-Metadata': metadata } });
    const warm = await create(1024);
    if (warm.status !== 201) throw new Error(`the tus endpoint answered ${warm.status}: ${await warm.text()}`);
    global.gc?.();
    await sleep(3_000);
    const idle = rssKb(pid).rss;

    const size = pdfSize(UPLOAD_MB * 2 ** 20);
    const created = await create(size);
    const location = new URL(created.headers.get('location')!, uploads).toString();
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pid).rss)), 50);
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(location, {
        method: 'PATCH',
        headers: { ...headers, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream', 'Content-Length': String(size) },
      });
      request.on('response', (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', reject);
      const chunks = bigPdf(UPLOAD_MB * 2 ** 20);
      const write = () => {
        for (;;) {
          const next = chunks.next();
          if (next.done) return void request.end();
          if (!request.write(next.value)) return void request.once('drain', write);
        }
      };
      write();
    });
    const seconds = (Date.now() - started) / 1000;
    await sleep(1_000);
    clearInterval(sampler);
    peak = Math.max(peak, rssKb(pid).rss);
    results.upload = {
      megabytes: Math.round((size / 2 ** 20) * 10) / 10,
      status,
      seconds: Math.round(seconds * 10) / 10,
      idleRssMb: mb(idle),
      peakRssMb: mb(peak),
      aboveIdleMb: mb(peak - idle),
      targetAboveIdleMb: 100,
      withinTarget: peak - idle <= 100 * 1024,
    };
    log(`upload of ${mb(size / 1024)} MB through tus: status ${status} in ${seconds.toFixed(1)} s; server RSS idle ${mb(idle)} MB, peak ${mb(peak)} MB (+${mb(peak - idle)} MB)`);
  } finally {
    server?.kill('SIGTERM');
    await database.stop();
  }
}

mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
writeFileSync(path.join(root, 'bench', 'results', 'ingest.json'), `${JSON.stringify({ ...results, at: new Date().toISOString() }, null, 2)}\n`);
rmSync(dataDir, { recursive: true, force: true });
log('written bench/results/ingest.json');
process.exit(0);
