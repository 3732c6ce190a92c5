/** A minimal SSE reader over fetch for tests: collects `event:`/`data:` frames; `next(name)` waits for one. */
export async function openSse(url: string, token: string): Promise<{ status: number; next(event: string, timeoutMs?: number): Promise<unknown>; close(): void }> {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: ctrl.signal });
  const frames: { event: string; data: unknown }[] = [];
  const waiters: (() => void)[] = [];
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buf = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buf += decoder.decode(chunk, { stream: true });
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event) frames.push({ event, data: data ? JSON.parse(data) : null });
            waiters.splice(0).forEach((w) => w());
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  }
  return {
    status: res.status,
    async next(event, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const k = frames.findIndex((f) => f.event === event);
        if (k >= 0) return frames.splice(k, 1)[0]!.data;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no SSE event "${event}" within ${timeoutMs} ms`);
        await new Promise<void>((r) => {
          const timer = setTimeout(r, left);
          waiters.push(() => {
            clearTimeout(timer);
            r();
          });
        });
      }
    },
    close: () => ctrl.abort(),
  };
}
