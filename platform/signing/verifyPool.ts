import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { verifyCanonicalBytes } from '../../electron/services/signing/ed25519';

/** One signature to check: the exact signed bytes (canonical JSON), the signature (base64url), the SPKI DER key (base64). */
export type VerifyItem = readonly [message: string, signature: string, publicKey: string];

/**
 * Ed25519 verification of a whole batch across worker threads (issue 15 bench platform-verify-10k).
 * node:crypto has no batch verify and a single verify is most of an ingest's signature cost, so the
 * batch is split over the cores; the event loop stays free for other requests meanwhile. Small
 * batches are checked inline (posting to a worker costs more than a few verifies). A worker that
 * fails takes its chunk back inline; the pool is made again on the next call. Plain JS worker
 * (eval), so it runs the same under tsx, vitest and a built platform.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const keys = new Map();
parentPort.on('message', ({ id, items }) => {
  const out = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const [message, signature, publicKey] = items[i];
    try {
      let key = keys.get(publicKey);
      if (!key) {
        if (keys.size >= 1000) keys.clear();
        key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
        keys.set(publicKey, key);
      }
      out[i] = verify(null, Buffer.from(message), key, Buffer.from(signature, 'base64url')) ? 1 : 0;
    } catch {
      out[i] = 0;
    }
  }
  parentPort.postMessage({ id, out });
});`;

/** Below this many signatures a batch is verified inline. */
const MIN_PARALLEL = 32;
const SIZE = Math.min(4, availableParallelism());

type Pending = { resolve(out: boolean[]): void; items: readonly VerifyItem[] };
type PoolWorker = { worker: Worker; pending: Map<number, Pending> };
let pool: PoolWorker[] | null = null;
let nextId = 0;

const inline = (items: readonly VerifyItem[]): boolean[] => items.map(([m, s, k]) => verifyCanonicalBytes(m, s, k));

function startPool(): PoolWorker[] {
  const workers = Array.from({ length: SIZE }, () => {
    const w: PoolWorker = { worker: new Worker(WORKER_SOURCE, { eval: true }), pending: new Map() };
    w.worker.unref(); // an idle pool never keeps a process alive; ref'd while a request waits
    const fail = () => {
      pool = null;
      for (const p of w.pending.values()) p.resolve(inline(p.items));
      w.pending.clear();
    };
    w.worker.on('message', ({ id, out }: { id: number; out: Uint8Array }) => {
      const p = w.pending.get(id);
      w.pending.delete(id);
      if (w.pending.size === 0) w.worker.unref();
      p?.resolve(Array.from(out, (v) => v === 1));
    });
    w.worker.on('error', fail);
    w.worker.on('exit', fail);
    return w;
  });
  return workers;
}

function post(w: PoolWorker, items: readonly VerifyItem[]): Promise<boolean[]> {
  return new Promise((resolve) => {
    const id = nextId++;
    w.pending.set(id, { resolve, items });
    w.worker.ref();
    w.worker.postMessage({ id, items });
  });
}

/** True per item whose signature verifies; false on any mismatch or malformed input (never throws). */
export async function verifyMany(items: readonly VerifyItem[]): Promise<boolean[]> {
  if (items.length < MIN_PARALLEL || SIZE < 2) return inline(items);
  pool ??= startPool();
  const workers = pool;
  const per = Math.ceil(items.length / workers.length);
  const parts = await Promise.all(workers.map((w, i) => (i * per < items.length ? post(w, items.slice(i * per, (i + 1) * per)) : Promise.resolve([]))));
  return parts.flat();
}
