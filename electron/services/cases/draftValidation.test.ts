import { describe, expect, it } from 'vitest';
import { exampleDraft } from '../catalogue/examples';
import { loadCatalogue } from '../catalogue/loadCatalogue';
import { resourcePath } from '../resources';
import { validateDraft } from '../../../shared/cases/validateDraft';

const catalogue = loadCatalogue(resourcePath('catalogue'));
const example = (code: string) => exampleDraft(catalogue, resourcePath('catalogue'), code);
const errorsOf = (draft: unknown) => {
  const r = validateDraft(draft, catalogue, '2026-12-03');
  return r.ok ? [] : r.errors;
};

describe('validateDraft: bad input named by its path (issue 12 quality bars)', () => {
  it('a rule between people is reported while an event field is still being typed', () => {
    const draft = example('birth');
    draft.participants.find((p) => p.role === 'mother')!.birthDate = '2026-11-20'; // after the newborn
    draft.fields.hospital = ''; // a required event field not typed yet
    const errors = errorsOf(draft);
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['fields.hospital', expect.stringMatching(/^participants\[\d\]\.birthDate$/)]));
  });

  it('an unmarked checklist document is reported at its own path', () => {
    const draft = example('assistance');
    draft.documents = draft.documents.filter((d) => d.code !== 'passbookCopy');
    expect(errorsOf(draft)).toContainEqual(expect.objectContaining({ path: 'documents.passbookCopy', code: 'DOCUMENT_UNMARKED' }));
  });

  it('an unknown relation, a member listed twice, a missing required role and an unknown event', () => {
    const a = example('assistance');
    a.participants[1]!.relation = 'cousin';
    a.participants.push({ ...a.participants[2]! });
    expect(errorsOf(a).map((e) => e.code)).toEqual(expect.arrayContaining(['RELATION_UNKNOWN', 'PARTICIPANT_DUPLICATE']));
    const d = example('death');
    d.participants = d.participants.filter((p) => p.role !== 'deceased');
    expect(errorsOf(d)).toContainEqual(expect.objectContaining({ path: 'participants', code: 'PARTICIPANT_MISSING', message: expect.stringContaining('亡者') }));
    expect(errorsOf({ ...d, lifeEvent: 'wedding' })).toEqual([expect.objectContaining({ path: 'lifeEvent', code: 'LIFE_EVENT_UNKNOWN' })]);
  });
});
