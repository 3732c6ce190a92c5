import type { ServiceContext } from '../context';

/** Display names for codes in the result; a code the catalogue no longer lists shows as itself. */
export function nameLookups(ctx: ServiceContext): { item(code: string): string; agency(code: string): string; lifeEvent(code: string): string } {
  const items = new Map(ctx.catalogue.items.map((i) => [i.code, i.title]));
  const agencies = new Map(ctx.catalogue.agencies.map((a) => [a.code, a.name]));
  const events = new Map(ctx.catalogue.lifeEvents.map((e) => [e.code, e.name]));
  return { item: (c) => items.get(c) ?? c, agency: (c) => agencies.get(c) ?? c, lifeEvent: (c) => events.get(c) ?? c };
}

/** Clerk display names for the ids that appear (users are never deleted, only deactivated). */
export function clerkNames(ctx: ServiceContext, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = ctx.db
    .prepare('SELECT id, display_name FROM users WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as { id: number; display_name: string }[];
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
