import { closeSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../db/privateFiles';

export type RotationOptions = {
  dir: string;
  /** File name stem: `<stem>-YYYY-MM-DD.log`, then `.1.log`, `.2.log`… once a day's file is full. */
  stem?: string;
  maxBytes?: number;
  /** Files kept in the folder (all days together); the oldest go first. */
  keepFiles?: number;
  now?: () => Date;
};

const DEFAULTS = { stem: 'n-in-1', maxBytes: 10 * 1024 * 1024, keepFiles: 30 };

/** Local calendar day: IT reads "yesterday's log" in Taiwan time, not UTC. */
const day = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * A pino destination writing JSON lines to a daily file that also rolls over by size, keeping a
 * bounded number of files. Each line is written synchronously (log volume is small, and the lines
 * before a crash are the ones IT needs). No extra dependency: pino only needs `write(line)`.
 */
export function rotatingFile(options: RotationOptions): { write(line: string): void; currentFile(): string; close(): void } {
  const o = { ...DEFAULTS, ...options };
  const now = o.now ?? (() => new Date());
  ensurePrivateDir(o.dir); // logs name cases and workstations: the app's account only (issue 13, finding 4)
  let fd: number | null = null;
  let file = '';
  let size = 0;

  const pick = (): string => {
    const base = `${o.stem}-${day(now())}`;
    for (let n = 0; ; n++) {
      const name = join(o.dir, n === 0 ? `${base}.log` : `${base}.${n}.log`);
      let bytes = 0;
      try {
        bytes = statSync(name).size;
      } catch {
        return name;
      }
      if (bytes < o.maxBytes) return name;
    }
  };

  const prune = (): void => {
    const files = readdirSync(o.dir)
      .filter((f) => f.startsWith(`${o.stem}-`) && f.endsWith('.log'))
      .map((f) => ({ f, t: statSync(join(o.dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t || b.f.localeCompare(a.f));
    for (const { f } of files.slice(o.keepFiles)) rmSync(join(o.dir, f), { force: true });
  };

  const open = (): void => {
    if (fd !== null) closeSync(fd);
    file = pick();
    fd = openSync(file, 'a', PRIVATE_FILE_MODE);
    try {
      size = statSync(file).size;
    } catch {
      size = 0;
    }
    prune();
  };

  return {
    write(line: string) {
      const dayChanged = file !== '' && !file.includes(`${o.stem}-${day(now())}`);
      if (fd === null || dayChanged || size >= o.maxBytes) open();
      const buf = Buffer.from(line);
      writeSync(fd!, buf);
      size += buf.byteLength;
    },
    currentFile: () => file,
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
