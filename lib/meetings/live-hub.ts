import 'server-only';
import pg from 'pg';
import { getDb } from '@/lib/db/client';
import { logger } from '@/lib/log/logger';
import { MEETING_CHANNEL, type MeetingEventKind } from './events';
import { type Audience, type LiveBuild, type ViewerRole, buildLiveState } from './live';

/**
 * Fan-out of live meeting state inside one app process. ONE dedicated Postgres connection
 * LISTENs on `meeting_events` (lazily, cached on globalThis, reconnecting with backoff); each
 * notification names a meeting, and the hub rebuilds that meeting's state once per audience kind
 * present among its subscribers and hands the same build to all of them. Bursts are coalesced:
 * at most one rebuild per meeting per `coalesceMs`, and never two at once; a burst of votes
 * (`ballot_progress`, which only moves the progress counter) at most one per `progressMs`, while
 * any other change (e.g. the close and its result) still goes out after `coalesceMs`. Several app instances
 * each run their own hub; Postgres delivers every notification to each of them.
 */

export type Subscriber = {
  role: ViewerRole;
  /** Receives a build newer than anything this subscriber has had (the hub orders them). */
  deliver: (build: LiveBuild) => void;
  heartbeat: () => void;
};

type Entry = { role: ViewerRole; deliver: (build: LiveBuild) => void; heartbeat: () => void; lastGen: number };

type Channel = {
  subscribers: Set<Entry>;
  /** Bumped by every notification (and by a reconnect, after which notifications may have been missed). */
  gen: number;
  cache: Map<Audience, { gen: number; promise: Promise<LiveBuild | undefined> }>;
  running: boolean;
  dirty: boolean;
  /** The shortest delay asked for by the changes that arrived during a run. */
  dirtyDelayMs: number;
  lastRun: number;
  timer?: ReturnType<typeof setTimeout>;
  timerDue: number;
};

export type HubOptions = {
  url: string;
  coalesceMs?: number;
  /** Minimum time between rebuilds caused only by votes being cast (the progress counter). */
  progressMs?: number;
  heartbeatMs?: number;
  build?: (meetingId: string, audience: Audience) => Promise<LiveBuild | undefined>;
};

export type HubStats = { meetings: number; subscribers: number; builds: number; notifications: number; listening: boolean };

export class LiveHub {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryMs = 250;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private everListened = false;
  private readonly channels = new Map<string, Channel>();
  private readonly coalesceMs: number;
  private readonly progressMs: number;
  private readonly heartbeatMs: number;
  private readonly build: (meetingId: string, audience: Audience) => Promise<LiveBuild | undefined>;
  readonly stats = { builds: 0, notifications: 0 };

  constructor(private readonly options: HubOptions) {
    this.coalesceMs = options.coalesceMs ?? 50;
    this.progressMs = Math.max(this.coalesceMs, options.progressMs ?? 200);
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.build = options.build ?? ((meetingId, audience) => buildLiveState(getDb(), meetingId, audience));
  }

  get url() {
    return this.options.url;
  }

  get listening() {
    return Boolean(this.client);
  }

  snapshotStats(): HubStats {
    let subscribers = 0;
    for (const channel of this.channels.values()) subscribers += channel.subscribers.size;
    return { meetings: this.channels.size, subscribers, ...this.stats, listening: this.listening };
  }

  /**
   * Adds a subscriber and sends it the current state once the listener is up (so no change can
   * fall between the read and the LISTEN). Returns the function that removes it.
   */
  subscribe(meetingId: string, subscriber: Subscriber): () => void {
    const entry: Entry = { ...subscriber, lastGen: -1 };
    let channel = this.channels.get(meetingId);
    if (!channel) {
      channel = { subscribers: new Set(), gen: 0, cache: new Map(), running: false, dirty: false, dirtyDelayMs: Infinity, lastRun: 0, timerDue: 0 };
      this.channels.set(meetingId, channel);
    }
    channel.subscribers.add(entry);
    this.startHeartbeat();
    void this.sendInitial(meetingId, channel, entry);
    return () => {
      const current = this.channels.get(meetingId);
      if (!current) return;
      current.subscribers.delete(entry);
      if (current.subscribers.size === 0) {
        clearTimeout(current.timer);
        this.channels.delete(meetingId);
      }
      if (this.channels.size === 0) this.stopHeartbeat();
    };
  }

  private async sendInitial(meetingId: string, channel: Channel, entry: Entry) {
    // Within a few seconds the listener is normally up; if the database is away, the state is
    // sent anyway and the reconnect (which rebuilds every subscribed meeting) catches up.
    await Promise.race([this.ensureListening().catch(() => undefined), new Promise((r) => setTimeout(r, 5_000).unref?.())]);
    if (!channel.subscribers.has(entry)) return;
    try {
      const { gen, build } = await this.buildFor(meetingId, channel, entry.role.audience);
      if (build && gen > entry.lastGen && channel.subscribers.has(entry)) {
        entry.lastGen = gen;
        entry.deliver(build);
      }
    } catch (error) {
      logger.error({ err: error, meetingId }, 'live state: initial build failed');
    }
  }

  /** One build per (meeting, audience, generation), shared by everyone who asks for it. */
  private buildFor(meetingId: string, channel: Channel, audience: Audience) {
    const gen = channel.gen;
    const cached = channel.cache.get(audience);
    if (cached && cached.gen === gen && this.listening) return cached.promise.then((build) => ({ gen, build }));
    this.stats.builds++;
    const promise = this.build(meetingId, audience);
    channel.cache.set(audience, { gen, promise });
    promise.catch(() => {
      if (channel.cache.get(audience)?.promise === promise) channel.cache.delete(audience);
    });
    return promise.then((build) => ({ gen, build }));
  }

  /** Called for every notification (and for every meeting after a reconnect). */
  changed(meetingId: string, kind?: MeetingEventKind) {
    const channel = this.channels.get(meetingId);
    if (!channel) return;
    channel.gen++;
    channel.cache.clear();
    this.schedule(meetingId, channel, kind === 'ballot_progress' ? this.progressMs : this.coalesceMs);
  }

  private schedule(meetingId: string, channel: Channel, delayMs: number) {
    if (channel.running) {
      channel.dirty = true;
      channel.dirtyDelayMs = Math.min(channel.dirtyDelayMs, delayMs);
      return;
    }
    const due = channel.lastRun + delayMs;
    if (channel.timer) {
      if (channel.timerDue <= due) return;
      clearTimeout(channel.timer); // a change that may not wait for the pending progress rebuild
      channel.timer = undefined;
    }
    const wait = Math.max(0, due - Date.now());
    if (wait === 0) {
      void this.run(meetingId, channel);
    } else {
      channel.timerDue = due;
      channel.timer = setTimeout(() => {
        channel.timer = undefined;
        void this.run(meetingId, channel);
      }, wait);
    }
  }

  private async run(meetingId: string, channel: Channel) {
    channel.running = true;
    channel.dirty = false;
    channel.dirtyDelayMs = Infinity;
    channel.lastRun = Date.now();
    try {
      const audiences = new Set([...channel.subscribers].map((entry) => entry.role.audience));
      await Promise.all(
        [...audiences].map(async (audience) => {
          const { gen, build } = await this.buildFor(meetingId, channel, audience);
          if (!build) return;
          for (const entry of channel.subscribers) {
            if (entry.role.audience !== audience || gen <= entry.lastGen) continue;
            entry.lastGen = gen;
            try {
              entry.deliver(build);
            } catch (error) {
              logger.warn({ err: error, meetingId }, 'live state: delivery failed');
            }
          }
        }),
      );
    } catch (error) {
      logger.error({ err: error, meetingId }, 'live state: rebuild failed');
      channel.dirty = true; // try again in a second
      channel.dirtyDelayMs = Math.min(channel.dirtyDelayMs, this.coalesceMs);
      channel.lastRun = Date.now() + 1_000;
    } finally {
      channel.running = false;
      if (channel.dirty && this.channels.get(meetingId) === channel) this.schedule(meetingId, channel, channel.dirtyDelayMs);
    }
  }

  /** Starts the LISTEN connection if it is not up; resolves once it listens. */
  ensureListening(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('live hub closed'));
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect() {
    const client = new pg.Client({ connectionString: this.options.url, keepAlive: true, application_name: 'quorum-live' });
    client.on('notification', (message) => {
      if (message.channel !== MEETING_CHANNEL || !message.payload) return;
      this.stats.notifications++;
      try {
        const { meetingId, kind } = JSON.parse(message.payload) as { meetingId?: unknown; kind?: MeetingEventKind };
        if (typeof meetingId === 'string') this.changed(meetingId, kind);
      } catch {
        logger.warn('live state: unreadable notification');
      }
    });
    client.on('error', (error) => {
      logger.warn({ err: error }, 'live state: listener connection error');
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${MEETING_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      this.retryLater();
      throw error;
    }
    if (this.closed) {
      void client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = 250;
    // Notifications sent while nobody listened are lost: after a reconnect every subscribed
    // meeting is rebuilt. (On the first connect, subscribers get their first state afterwards.)
    if (this.everListened) for (const meetingId of this.channels.keys()) this.changed(meetingId);
    this.everListened = true;
  }

  private lost(client: pg.Client) {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    logger.warn('live state: listener connection lost; reconnecting');
    this.retryLater();
  }

  private retryLater() {
    if (this.closed || this.retryTimer) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      // Without subscribers the next subscribe starts the listener again.
      if (this.channels.size > 0) this.ensureListening().catch(() => undefined);
    }, delay);
    this.retryTimer.unref?.();
  }

  private startHeartbeat() {
    if (this.heartbeatTimer) return;
    this.heartbeatTimer = setInterval(() => this.beat(), this.heartbeatMs);
    this.heartbeatTimer.unref?.();
  }

  private stopHeartbeat() {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  /** Keeps proxies from closing idle streams, and checks that the listener is still alive. */
  private beat() {
    for (const channel of this.channels.values()) {
      for (const entry of channel.subscribers) {
        try {
          entry.heartbeat();
        } catch {
          // a closed stream is removed by its own abort handler
        }
      }
    }
    const client = this.client;
    if (client) {
      const timeout = setTimeout(() => this.lost(client), 10_000);
      client
        .query('select 1')
        .catch(() => this.lost(client))
        .finally(() => clearTimeout(timeout));
    }
  }

  async close() {
    this.closed = true;
    this.stopHeartbeat();
    clearTimeout(this.retryTimer);
    for (const channel of this.channels.values()) clearTimeout(channel.timer);
    this.channels.clear();
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}

const globalForHub = globalThis as unknown as { quorumLiveHub?: LiveHub };

/** The process's hub, created on first use for the current DATABASE_URL. */
export function getLiveHub(): LiveHub {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: start Quorum with `npm start` or set it.');
  if (globalForHub.quorumLiveHub?.url !== url) {
    void globalForHub.quorumLiveHub?.close();
    globalForHub.quorumLiveHub = new LiveHub({ url });
  }
  return globalForHub.quorumLiveHub;
}

export async function closeLiveHub() {
  const hub = globalForHub.quorumLiveHub;
  globalForHub.quorumLiveHub = undefined;
  await hub?.close();
}
