import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { Header, Parser, type ReadEntry } from 'tar';

const BLOCK = 512;

/**
 * Writes a tar stream entry by entry, each body streamed (never held whole), with backpressure.
 * Headers are encoded by the `tar` package (ustar, large sizes in base-256).
 */
export class TarWriter {
  constructor(private readonly out: Writable) {}

  private async write(chunk: Buffer) {
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  /** Adds one file of exactly `size` bytes read from `body`. */
  async add(path: string, size: number, body: Readable | Buffer) {
    const header = new Header({ path, size, mode: 0o640, mtime: new Date(), type: 'File', uid: 0, gid: 0 });
    const block = Buffer.alloc(BLOCK);
    header.encode(block, 0);
    if (header.needPax) throw new Error(`tar entry name too long: ${path}`);
    await this.write(block);
    let written = 0;
    if (Buffer.isBuffer(body)) {
      await this.write(body);
      written = body.length;
    } else {
      for await (const chunk of body) {
        written += (chunk as Buffer).length;
        if (written > size) throw new Error(`${path} is larger than announced (${size} bytes)`);
        await this.write(chunk as Buffer);
      }
    }
    if (written !== size) throw new Error(`${path}: ${written} bytes written, ${size} announced`);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (padding) await this.write(Buffer.alloc(padding));
  }

  addJson(path: string, value: unknown) {
    const body = Buffer.from(JSON.stringify(value, null, 2));
    return this.add(path, body.length, body);
  }

  /** The two zero blocks that end an archive; then ends the output. */
  async finish() {
    await this.write(Buffer.alloc(BLOCK * 2));
    this.out.end();
    await once(this.out, 'finish');
  }
}

/**
 * The entries of a tar (or .tar.gz) stream in order. Each entry must be consumed (or left, then
 * it is skipped) before the next is read: the parser waits meanwhile, so nothing piles up in memory.
 */
export async function* readTar(source: Readable): AsyncGenerator<ReadEntry> {
  const parser = new Parser();
  const queue: ReadEntry[] = [];
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  parser.on('entry', (entry: ReadEntry) => {
    queue.push(entry);
    signal();
  });
  parser.on('end', () => {
    done = true;
    signal();
  });
  const fail = (error: unknown) => {
    failure ??= error;
    signal();
  };
  parser.on('error', fail);
  parser.on('warn', (_code: string, message: string | Error) => fail(message instanceof Error ? message : new Error(message)));
  source.on('error', fail);
  source.pipe(parser);
  for (;;) {
    if (failure) throw failure;
    const entry = queue.shift();
    if (entry) {
      yield entry;
      if (!entry.emittedEnd) entry.resume(); // not consumed: skip its body
      continue;
    }
    if (done) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}
