/**
 * A web chat page's side of the embedded Direct Line, small enough to run hundreds at once (scripts/soak.ts) and
 * plain enough to read in a test: it gets a token from the page's token route, starts the conversation, reads
 * the stream (WebSocket, reconnecting with its watermark when the socket drops, as botframework-directlinejs
 * does) and posts activities with a `clientActivityID`, retrying the same post on 429/5xx and network errors.
 *
 * `localAddress` makes the client speak from its own loopback address (127.x.y.z), so per-client rate limits
 * see each simulated page as a client of its own.
 *
 * @example
 * const page = await WebChatPage.open('http://127.0.0.1:3978');
 * page.connect();
 * await page.post({ type: 'message', text: 'Goedemiddag' });
 * await page.waitFor((a) => a.replyToId !== undefined);
 */
import { randomUUID } from 'crypto';
import * as http from 'http';
import { WebSocket } from 'ws';

/** An activity as the page receives it. */
export interface PageActivity {
  id: string;
  type: string;
  text?: string;
  replyToId?: string;
  from?: { id?: string; role?: string };
  channelData?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface HttpAnswer {
  status: number;
  body: Record<string, unknown>;
  retryAfter?: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 2048 });

/** One HTTP request with a JSON body and answer; rejects on network errors (connection refused, reset). */
export function request(
  url: string,
  method: string,
  options: { token?: string; body?: unknown; localAddress?: string; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        localAddress: options.localAddress,
        headers: {
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          ...(payload === undefined
            ? {}
            : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown> = {};
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            body = { text };
          }
          const retryAfter = Number(res.headers['retry-after']);
          resolve({ status: res.statusCode ?? 0, body, ...(retryAfter > 0 ? { retryAfter } : {}) });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 60_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PostOutcome {
  /** The activity id the server answered 200 with (undefined when it never did within the deadline). */
  id?: string;
  /** Time from the first send to the 200, in ms. */
  latencyMs: number;
  /** Attempts made (1 = answered at once). */
  attempts: number;
  clientActivityId: string;
}

export class WebChatPage {
  /** Every activity received, by id (the stream and polls may both deliver one). */
  readonly received = new Map<string, PageActivity>();
  watermark: string | undefined;
  /** Stream sockets opened (1 + reconnects). */
  streamsOpened = 0;
  /** Set when the server said this conversation or token no longer exists (401/403/404 on a valid token). */
  lost?: string;
  private socket?: WebSocket;
  private closed = false;
  private waiters: { predicate: (a: PageActivity) => boolean; resolve: (a: PageActivity) => void }[] = [];

  private constructor(
    readonly baseUrl: string,
    readonly conversationId: string,
    public token: string,
    readonly userId: string,
    readonly localAddress?: string,
  ) {}

  /** Gets a token from the page's token route and starts the conversation (POST /v3/directline/conversations). */
  static async open(baseUrl: string, options: { localAddress?: string } = {}): Promise<WebChatPage> {
    const issued = await request(`${baseUrl}/api/directline/token`, 'POST', {
      body: {},
      localAddress: options.localAddress,
    });
    if (issued.status !== 200) throw new Error(`token route answered ${issued.status}`);
    const { token, userId } = issued.body as { token: string; userId: string };
    const started = await request(`${baseUrl}/v3/directline/conversations`, 'POST', {
      token,
      body: { user: { id: userId } },
      localAddress: options.localAddress,
    });
    if (started.status !== 201) throw new Error(`starting the conversation answered ${started.status}`);
    const conversationId = String(started.body.conversationId);
    return new WebChatPage(baseUrl, conversationId, token, userId, options.localAddress);
  }

  private get activitiesUrl(): string {
    return `${this.baseUrl}/v3/directline/conversations/${encodeURIComponent(this.conversationId)}/activities`;
  }

  /**
   * Opens the stream and keeps it open: when it drops (a restart), asks for a new stream URL with the
   * watermark (GET /conversations/:id?watermark=N) and opens that, retrying until the server is back.
   */
  connect(): void {
    if (this.closed || this.socket) return;
    void this.openStream();
  }

  private async openStream(): Promise<void> {
    for (let attempt = 0; !this.closed; attempt += 1) {
      try {
        const query = this.watermark === undefined ? '' : `?watermark=${this.watermark}`;
        const resumed = await request(
          `${this.baseUrl}/v3/directline/conversations/${encodeURIComponent(this.conversationId)}${query}`,
          'GET',
          { token: this.token, localAddress: this.localAddress, timeoutMs: 10_000 },
        );
        if (resumed.status === 401 || resumed.status === 403 || resumed.status === 404) {
          this.lost = `reconnect answered ${resumed.status}`;
          return;
        }
        if (resumed.status === 200) {
          await this.listen(String(resumed.body.streamUrl));
          attempt = 0;
        }
      } catch {
        // The server is down (restarting): try again shortly.
      }
      await sleep(Math.min(250 * (attempt + 1), 2000));
    }
  }

  /** Resolves when the socket closes (or could not open). */
  private listen(streamUrl: string): Promise<void> {
    return new Promise((resolve) => {
      const socket = new WebSocket(streamUrl, { localAddress: this.localAddress });
      this.socket = socket;
      socket.on('open', () => (this.streamsOpened += 1));
      socket.on('message', (data: Buffer) => {
        const text = data.toString('utf8');
        if (text === '') return;
        const set = JSON.parse(text) as { activities: PageActivity[]; watermark?: string };
        this.take(set.activities, set.watermark);
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
        resolve();
      });
    });
  }

  /** Reads everything after the watermark by polling (what a page without WebSocket does). */
  async poll(): Promise<PageActivity[]> {
    const query = this.watermark === undefined ? '' : `?watermark=${this.watermark}`;
    const answer = await request(`${this.activitiesUrl}${query}`, 'GET', {
      token: this.token,
      localAddress: this.localAddress,
    });
    if (answer.status !== 200) throw new Error(`poll answered ${answer.status}`);
    const activities = answer.body.activities as PageActivity[];
    this.take(activities, String(answer.body.watermark));
    return activities;
  }

  /**
   * The whole log the server keeps for this conversation (from watermark 0); retried on network errors (a
   * keep-alive socket the server closed just then), 429 and 5xx, as a page's poll would be.
   */
  async everything(attempts = 5): Promise<PageActivity[]> {
    for (let attempt = 1; ; attempt += 1) {
      let problem: string;
      try {
        const answer = await request(this.activitiesUrl, 'GET', { token: this.token, localAddress: this.localAddress });
        if (answer.status === 200) return answer.body.activities as PageActivity[];
        problem = `reading the log answered ${answer.status}`;
        if (answer.status !== 429 && answer.status < 500) throw new Error(problem);
      } catch (error) {
        problem = (error as Error).message;
        if (/answered 4/.test(problem)) throw error;
      }
      if (attempt >= attempts) throw new Error(problem);
      await sleep(500 * attempt);
    }
  }

  /**
   * Posts an activity as the page does, retrying the same post (same clientActivityID) on 429/503/502 and
   * network errors until `deadlineMs` has passed; gives up on other answers.
   */
  async post(activity: Record<string, unknown>, deadlineMs = 60_000): Promise<PostOutcome> {
    const clientActivityId = randomUUID();
    const body = {
      ...activity,
      from: { id: this.userId },
      channelData: { ...(activity.channelData as object | undefined), clientActivityID: clientActivityId },
    };
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      let answer: HttpAnswer | undefined;
      try {
        answer = await request(this.activitiesUrl, 'POST', {
          token: this.token,
          body,
          localAddress: this.localAddress,
          timeoutMs: 30_000,
        });
      } catch {
        answer = undefined;
      }
      if (answer?.status === 200) {
        return { id: String(answer.body.id), latencyMs: Date.now() - started, attempts: attempt, clientActivityId };
      }
      if (answer && [401, 403, 404].includes(answer.status)) this.lost = `post answered ${answer.status}`;
      const retry = answer === undefined || [429, 502, 503].includes(answer.status);
      if (!retry || Date.now() - started > deadlineMs) {
        return { latencyMs: Date.now() - started, attempts: attempt, clientActivityId };
      }
      await sleep(Math.min((answer?.retryAfter ?? 0.25) * 1000, 2000) * (0.5 + Math.random()));
    }
  }

  /** Resolves with the first received activity (already or later) that matches. */
  waitFor(predicate: (a: PageActivity) => boolean, timeoutMs = 30_000): Promise<PageActivity> {
    for (const activity of this.received.values()) if (predicate(activity)) return Promise.resolve(activity);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no matching activity within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (activity: PageActivity) => {
        clearTimeout(timer);
        resolve(activity);
      };
      this.waiters.push({ predicate, resolve: done });
    });
  }

  /** Closes the stream for good. */
  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private take(activities: PageActivity[], watermark: string | undefined): void {
    for (const activity of activities) {
      this.received.set(activity.id, activity);
      const due = this.waiters.filter((w) => w.predicate(activity));
      this.waiters = this.waiters.filter((w) => !w.predicate(activity));
      for (const waiter of due) waiter.resolve(activity);
    }
    if (watermark !== undefined && watermark !== '') this.watermark = watermark;
  }
}

/** Releases the shared keep-alive sockets (so a script can exit). */
export function closeConnections(): void {
  agent.destroy();
}
