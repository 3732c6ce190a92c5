import { describe, expect, it } from 'vitest';
import { validateDraft } from '../../../shared/cases/validateDraft';
import { resourcePath } from '../resources';
import { TEST_NOW } from '../testing/fixtures';
import { exampleDraft } from './examples';
import { loadCatalogue } from './loadCatalogue';

const catalogue = loadCatalogue(resourcePath('catalogue'));

describe('life-event examples (resources/catalogue/examples)', () => {
  it.each(catalogue.lifeEvents.map((e) => e.code))('%s has an example that validates as a draft', (code) => {
    const draft = exampleDraft(catalogue, resourcePath('catalogue'), code);
    const checked = validateDraft(draft, catalogue, TEST_NOW.slice(0, 10));
    expect(checked.ok ? [] : checked.errors).toEqual([]);
  });

  it('an unknown life event is a typed zh-TW error listing the known ones', () => {
    expect(() => exampleDraft(catalogue, resourcePath('catalogue'), 'wedding')).toThrow(/未知的生活事件「wedding」，可用：move/);
  });
});
