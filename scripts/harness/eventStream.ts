/**
 * A small Server-Sent Events reader over fetch, as a browser's EventSource reads the projector's stream: every
 * event (and comment line) as it arrives, with its arrival time. Used by the projector tests and the group demo
 * harness.
 *
 * @example
 * const stream = await openEventStream(`${base}/demo/${roomId}/events`);
 * await waitUntil(() => stream.events.find((e) => e.event === 'snapshot'), 'a snapshot');
 * await stream.close();
 */

/** One event block of the stream (fields as sent), or a comment line (`: keep-alive`). */
export interface StreamEvent {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
  /** When it arrived (Date.now()). */
  at: number;
}

export interface EventStream {
  /** The response (status 200 when the stream opened). */
  res: Response;
  /** Every event so far, in order of arrival. */
  events: StreamEvent[];
  /** Resolves when the server ends the stream (or close() aborted it). */
  ended: Promise<void>;
  close(): Promise<void>;
}

export async function openEventStream(url: string): Promise<EventStream> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal, headers: { Accept: 'text/event-stream' } });
  const events: StreamEvent[] = [];
  const ended = (async () => {
    if (!res.ok || !res.body) return;
    let buffer = '';
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          events.push(parseBlock(buffer.slice(0, cut)));
          buffer = buffer.slice(cut + 2);
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    res,
    events,
    ended,
    close: async () => {
      controller.abort();
      await ended;
    },
  };
}

function parseBlock(block: string): StreamEvent {
  const event: StreamEvent = { at: Date.now() };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) event.comment = line.slice(1).trim();
    else {
      const [field, ...rest] = line.split(':');
      const value = rest.join(':').replace(/^ /, '');
      if (field === 'id' || field === 'event' || field === 'data') event[field] = value;
    }
  }
  return event;
}
