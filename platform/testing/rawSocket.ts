import { connect, type Socket } from 'node:net';

export type RawExchange = { socket: Socket; received(): string; closed: Promise<void> };

/**
 * A hand-driven TCP client for what no HTTP library sends: headers then a trickle of body bytes
 * (slow loris), or nothing at all. `closed` resolves when the server ends the socket.
 */
export function openRaw(url: string, first: string): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let data = '';
    const socket = connect({ host: hostname === 'localhost' ? '127.0.0.1' : hostname, port: Number(port) });
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('data', (b) => (data += b.toString('utf8')));
    socket.on('error', () => {}); // a reset is one way of being closed
    socket.once('connect', () => {
      socket.write(first);
      resolve({ socket, received: () => data, closed });
    });
    socket.once('error', reject);
  });
}

/** Writes one byte every `everyMs` until the socket closes; returns the stop function. */
export function trickle(x: RawExchange, everyMs: number, byte = ' '): () => void {
  const timer = setInterval(() => {
    if (!x.socket.destroyed && x.socket.writable) x.socket.write(byte);
  }, everyMs);
  void x.closed.then(() => clearInterval(timer));
  return () => clearInterval(timer);
}
