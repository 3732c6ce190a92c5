import { describe, expect, it } from 'vitest';
import agencies from '../../../resources/catalogue/agencies.json';
import items from '../../../resources/catalogue/items.json';
import lifeEvents from '../../../resources/catalogue/life-events.json';
import { validateCatalogue } from '../../../shared/catalogue/validate';
import { findLifeEvent, type Catalogue } from './catalogue';
import { buildDraft, type DraftInput } from './draft';
import { initialFields } from './fieldWire';
import { rowsFor } from './participantRows';

// Issue 16 §1: the printout language the clerk picks (or the MRZ suggested) travels with the draft.
const catalogue = (() => {
  const r = validateCatalogue({ agencies, items, lifeEvents });
  if (!r.ok) throw new Error('catalogue');
  return r.catalogue as Catalogue;
})();
const state = (language?: DraftInput['language']): DraftInput => {
  const event = findLifeEvent(catalogue, 'move')!;
  return { lifeEvent: 'move', participants: rowsFor(event), fields: initialFields(event, '2026-11-27'), items: {}, documents: {}, ...(language ? { language } : {}) };
};

describe('the draft carries the citizen’s printout language', () => {
  it('sends the chosen language, and none for Traditional Chinese (the default)', () => {
    expect(buildDraft(state('vi'), catalogue).language).toBe('vi');
    expect(buildDraft(state('km'), catalogue).language).toBe('km');
    expect(buildDraft(state('zh-TW'), catalogue)).not.toHaveProperty('language');
    expect(buildDraft(state(), catalogue)).not.toHaveProperty('language');
  });
});
