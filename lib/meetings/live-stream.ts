import 'server-only';
import { type LiveBuild, type ViewerRole, meFrom } from './live';
import { type LiveHub, getLiveHub } from './live-hub';

/**
 * The Server-Sent Events stream of one viewer in one meeting room: `event: state` with the full
 * snapshot first and after every change, a comment every 15 s. The shared state of a build is
 * serialised and encoded once (WeakMap below); each viewer only adds their own small part.
 */

const encoder = new TextEncoder();
const encodedStates = new WeakMap<LiveBuild, Uint8Array>();
const SUFFIX = encoder.encode('}\n\n');
const HEARTBEAT = encoder.encode(': keep-alive\n\n');

function encodedState(build: LiveBuild) {
  let bytes = encodedStates.get(build);
  if (!bytes) {
    bytes = encoder.encode(JSON.stringify(build.state));
    encodedStates.set(build, bytes);
  }
  return bytes;
}

/**
 * One `state` event, `{"me":…,"state":…}`, as a single chunk (one write per viewer): the big
 * shared part is serialised once per build and only copied here.
 */
export function stateEvent(build: LiveBuild, role: ViewerRole): Uint8Array {
  const prefix = encoder.encode(`event: state\ndata: {"me":${JSON.stringify(meFrom(build, role))},"state":`);
  const shared = encodedState(build);
  const event = new Uint8Array(prefix.length + shared.length + SUFFIX.length);
  event.set(prefix, 0);
  event.set(shared, prefix.length);
  event.set(SUFFIX, prefix.length + shared.length);
  return event;
}

/** A client more than this far behind is dropped; on reconnecting it gets the whole state again. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export type StreamOptions = {
  hub?: LiveHub;
  /** Closed after this long (±10 %), so the session is checked again on the automatic reconnect. */
  maxLifetimeMs?: number;
  /** How long the browser waits before reconnecting. */
  retryMs?: number;
};

export function liveEventResponse(request: Request, meetingId: string, role: ViewerRole, options: StreamOptions = {}): Response {
  const hub = options.hub ?? getLiveHub();
  const lifetime = (options.maxLifetimeMs ?? 10 * 60_000) * (0.9 + Math.random() * 0.2);
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        let unsubscribe = () => {};
        const write = (chunks: Uint8Array[]) => {
          if (closed) return;
          if ((controller.desiredSize ?? 0) < -MAX_BUFFERED_BYTES) {
            finish();
            return;
          }
          try {
            for (const chunk of chunks) controller.enqueue(chunk);
          } catch {
            finish(); // the client went away before the abort signal said so
          }
        };
        const finish = () => {
          if (closed) return;
          closed = true;
          unsubscribe();
          clearTimeout(lifetimeTimer);
          request.signal.removeEventListener('abort', finish);
          try {
            controller.close();
          } catch {
            // already closed or cancelled
          }
        };
        cleanup = finish;

        controller.enqueue(encoder.encode(`retry: ${options.retryMs ?? 2_000}\n\n`));
        unsubscribe = hub.subscribe(meetingId, {
          role,
          deliver: (build) => write([stateEvent(build, role)]),
          heartbeat: () => write([HEARTBEAT]),
        });
        const lifetimeTimer = setTimeout(finish, lifetime);
        lifetimeTimer.unref?.();
        if (request.signal.aborted) finish();
        else request.signal.addEventListener('abort', finish);
      },
      cancel() {
        cleanup();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );

  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform keeps the compression middleware from buffering the stream.
      'Cache-Control': 'no-cache, no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
