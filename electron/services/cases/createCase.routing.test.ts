import { afterAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/result';
import { makeContext, moveDraft, seedClerk, tempDir } from '../testing/fixtures';
import { createCase } from './createCase';

const tmp = tempDir('nin1-route-');
afterAll(() => tmp.cleanup());

const count = (ctx: ReturnType<typeof makeContext>, sql: string): number => ctx.db.prepare(sql).pluck().get() as number;
const receivers = (ctx: ReturnType<typeof makeContext>) =>
  Object.fromEntries((ctx.db.prepare('SELECT item_code, receiver_agency FROM notifications ORDER BY rowid').all() as { item_code: string; receiver_agency: string }[]).map((r) => [r.item_code, r.receiver_agency]));

/** A move to 岡山: the land office and the 監理所 of the NEW address, not the fixed 鳳山 ones. */
const toGangshan = (n04: Record<string, unknown> = {}) => {
  const draft = moveDraft({ newAddress: '高雄市岡山區岡山路100號' });
  draft.items = draft.items.map((i) =>
    i.code === 'N04' ? { ...i, fields: { ...i.fields, registeredAddress: '高雄市岡山區岡山路100號' }, ...n04 }
      : i.code === 'N08' ? { ...i, fields: { ...i.fields, registeredAddress: '高雄市苓雅區四維三路2號' } } : i);
  return draft;
};

describe('createCase routes each item by jurisdiction (issue 14 §1)', () => {
  it('finding 1: the saved notification goes to the office of the item address (地政 of the new address, 監理 of its area)', () => {
    const ctx = makeContext(tmp.file('routed.sqlite'));
    const saved = createCase(ctx, seedClerk(ctx), toGangshan());
    expect(receivers(ctx)).toMatchObject({ N01: 'KH-TAX', N04: 'KH-LAND-GANGSHAN', N08: 'THB-KHC-MV' });
    expect(saved.items.find((i) => i.item === 'N04')?.agency).toBe('KH-LAND-GANGSHAN');
    expect(count(ctx, "SELECT COUNT(*) FROM audit WHERE action = 'notification.route-override'")).toBe(0);
    ctx.db.close();
  });

  it('finding 1: an override of the same kind with a reason is stored and audited', () => {
    const ctx = makeContext(tmp.file('override.sqlite'));
    createCase(ctx, seedClerk(ctx), toGangshan({ agency: 'KH-LAND-LZ', agencyReason: '土地位於路竹區，民眾要求' }));
    expect(receivers(ctx).N04).toBe('KH-LAND-LZ');
    const detail = JSON.parse(ctx.db.prepare("SELECT detail FROM audit WHERE action = 'notification.route-override'").pluck().get() as string);
    expect(detail).toMatchObject({ item: 'N04', routed: 'KH-LAND-GANGSHAN', chosen: 'KH-LAND-LZ', reason: '土地位於路竹區，民眾要求' });
    ctx.db.close();
  });

  it('finding 1: an override of another kind, or without a reason, is a typed zh-TW error and stores nothing', () => {
    const ctx = makeContext(tmp.file('refused.sqlite'));
    const actor = seedClerk(ctx);
    const attempt = (n04: Record<string, unknown>) => {
      try {
        createCase(ctx, actor, toGangshan(n04));
      } catch (e) {
        return (e as AppFailure).error;
      }
      throw new Error('expected a refusal');
    };
    expect(attempt({ agency: 'KH-TAX', agencyReason: '理由充分' })).toMatchObject({ code: 'ROUTE_OVERRIDE_KIND', path: 'items.N04.agency', message: expect.stringContaining('須由地政機關受理') });
    expect(attempt({ agency: 'KH-LAND-LZ', agencyReason: ' ' })).toMatchObject({ code: 'ROUTE_OVERRIDE_REASON', message: expect.stringContaining('須說明理由') });
    expect(count(ctx, 'SELECT COUNT(*) FROM cases') + count(ctx, 'SELECT COUNT(*) FROM notifications')).toBe(0);
    ctx.db.close();
  });
});
