import { describe, expect, it } from 'vitest';
import { LANGUAGES, LANGUAGE_LABEL, isLanguage, languageForNationality } from '../index';

describe('languageForNationality', () => {
  it('maps the seeds’ countries of origin to their language', () => {
    expect(['VNM', 'IDN', 'THA', 'KHM', 'PHL', 'CHN'].map(languageForNationality)).toEqual(['vi', 'id', 'th', 'km', 'en', 'zh-Hans']);
  });

  it('suggests nothing for other or missing nationalities (the clerk asks)', () => {
    expect(languageForNationality('TWN')).toBeNull();
    expect(languageForNationality('JPN')).toBeNull();
    expect(languageForNationality('')).toBeNull();
    expect(languageForNationality(null)).toBeNull();
  });

  it('reads an MRZ field as printed (filler trimmed, any case)', () => {
    expect(languageForNationality(' vnm ')).toBe('vi');
  });
});

describe('LANGUAGES', () => {
  it('has the seven printout languages, each labelled for the clerk', () => {
    expect(LANGUAGES).toEqual(['zh-TW', 'zh-Hans', 'en', 'vi', 'id', 'th', 'km']);
    for (const l of LANGUAGES) expect(LANGUAGE_LABEL[l]).toMatch(/\p{Script=Han}/u);
    expect(isLanguage('km')).toBe(true);
    expect(isLanguage('fr')).toBe(false);
  });
});
