/** Injected so tests and the demo seeder can place cases on any day. */
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };
export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });
