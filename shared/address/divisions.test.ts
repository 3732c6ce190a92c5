import { describe, expect, it } from 'vitest';
import { CITY_NAMES, FORMER_CITIES, districtsOf, mapFormerDistrict, postalCodeOf } from './divisions';

describe('divisions table', () => {
  it('has exactly the 22 current 縣市, all with 臺 and districts', () => {
    expect([...CITY_NAMES].sort()).toEqual(
      ['臺北市', '新北市', '桃園市', '臺中市', '臺南市', '高雄市', '基隆市', '新竹市', '嘉義市', '新竹縣', '苗栗縣', '彰化縣', '南投縣', '雲林縣', '嘉義縣', '屏東縣', '宜蘭縣', '花蓮縣', '臺東縣', '澎湖縣', '金門縣', '連江縣'].sort(),
    );
    for (const city of CITY_NAMES) {
      expect(city).not.toContain('台');
      expect(districtsOf(city).length).toBeGreaterThan(0);
    }
    expect(CITY_NAMES.reduce((n, c) => n + districtsOf(c).length, 0)).toBe(371); // 368 鄉鎮市區 + 東沙, 南沙, 釣魚臺
  });

  it.each([
    ['臺北市', '中正區', '100'], ['臺北市', '大安區', '106'], ['高雄市', '鳳山區', '830'], ['臺中市', '西屯區', '407'],
    ['新北市', '板橋區', '220'], ['花蓮縣', '花蓮市', '970'], ['金門縣', '金城鎮', '893'], ['連江縣', '南竿鄉', '209'],
    ['新竹市', '香山區', '300'], ['嘉義市', '西區', '600'], ['嘉義縣', '阿里山鄉', '605'], ['臺東縣', '臺東市', '950'],
  ] as const)('%s%s → %s', (city, district, zip) => {
    expect(postalCodeOf(city, district)).toBe(zip);
  });

  it('maps former county names to the current municipality', () => {
    expect(Object.fromEntries(Object.entries(FORMER_CITIES).map(([k, v]) => [k, v.city]))).toEqual({
      臺北縣: '新北市', 臺中縣: '臺中市', 臺南縣: '臺南市', 高雄縣: '高雄市', 桃園縣: '桃園市',
    });
  });

  it.each([
    ['新北市', '板橋市', '板橋區'], ['新北市', '淡水鎮', '淡水區'], ['新北市', '烏來鄉', '烏來區'], ['高雄市', '鳳山市', '鳳山區'],
    ['高雄市', '岡山鎮', '岡山區'], ['高雄市', '三民鄉', '那瑪夏區'], ['桃園市', '桃園市', '桃園區'], ['桃園市', '中壢市', '中壢區'],
    ['臺南市', '新市鄉', '新市區'], ['臺南市', '中區', '中西區'], ['苗栗縣', '頭份鎮', '頭份市'], ['彰化縣', '員林鎮', '員林市'],
    ['嘉義縣', '吳鳳鄉', '阿里山鄉'],
  ] as const)('%s %s → %s', (city, old, current) => {
    expect(mapFormerDistrict(city, old)).toBe(current);
  });

  it('does not invent mappings', () => {
    expect(mapFormerDistrict('臺北市', '鳳山市')).toBeUndefined();
    expect(mapFormerDistrict('高雄市', '鳳山區')).toBeUndefined(); // already current: nothing to map
  });
});
