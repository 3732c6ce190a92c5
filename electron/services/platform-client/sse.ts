/** One Server-Sent Events message; `comment` is a `: ping` line, useful only as a sign of life. */
export type SseMessage = { event: string; data: string } | { event: 'comment'; data: '' };

/**
 * Minimal text/event-stream reader (WHATWG rules for the fields we use: `event`, `data`, comments,
 * blank line dispatches; CRLF and LF both end lines). The push channel is only a hint to pull, so
 * ids and retry fields are ignored.
 */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffer.search(/\r\n|\n|\r/)) >= 0) {
      // A CR at the very end may be the first half of a CRLF split across chunks: wait for more.
      if (nl === buffer.length - 1 && buffer.endsWith('\r')) break;
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
      if (line === '') {
        if (data.length > 0 || event) yield { event: event || 'message', data: data.join('\n') };
        event = '';
        data = [];
      } else if (line.startsWith(':')) {
        yield { event: 'comment', data: '' };
      } else {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
    }
  }
}
