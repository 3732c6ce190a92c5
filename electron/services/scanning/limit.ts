/**
 * At most `n` tasks at a time (a tiny p-limit): pages are decoded and compressed in parallel on
 * sharp's and libuv's threads, but never so many at once that a 200-page stack fills memory.
 */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    if (active >= n) return;
    const run = waiting.shift();
    if (run) {
      active++;
      run();
    }
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      waiting.push(() => {
        task().then(resolve, reject).finally(() => {
          active--;
          next();
        });
      });
      next();
    });
}
