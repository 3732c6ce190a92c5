/**
 * @peculiar/x509 resolves its algorithm providers through tsyringe, which refuses to load without a
 * `reflect-metadata` polyfill — a package we do not install for the sake of test certificates. The
 * metadata calls tsyringe makes (define/get/getOwn, and `metadata` for decorators) are small enough
 * to provide here, for the test-certificate maker only; production code never imports @peculiar/x509.
 */
type Target = object;
type Reflectish = typeof Reflect & {
  getMetadata?: (key: unknown, target: Target) => unknown;
  getOwnMetadata?: (key: unknown, target: Target) => unknown;
  defineMetadata?: (key: unknown, value: unknown, target: Target) => void;
  metadata?: (key: unknown, value: unknown) => (target: Target) => void;
};

const store = new WeakMap<Target, Map<unknown, unknown>>();
const own = (target: Target): Map<unknown, unknown> => {
  let m = store.get(target);
  if (!m) store.set(target, (m = new Map()));
  return m;
};

const R = Reflect as Reflectish;
if (!R.getMetadata) {
  R.defineMetadata = (key, value, target) => void own(target).set(key, value);
  R.getOwnMetadata = (key, target) => store.get(target)?.get(key);
  R.getMetadata = (key, target) => {
    for (let t: Target | null = target; t; t = Object.getPrototypeOf(t) as Target | null) {
      const m = store.get(t);
      if (m?.has(key)) return m.get(key);
    }
    return undefined;
  };
  R.metadata = (key, value) => (target) => R.defineMetadata!(key, value, target);
}

export {};
