import { describe, expect, it } from 'vitest';
import { parseTaiwanAddress, type TaiwanAddressParts } from './index';

/**
 * Public addresses (government offices, schools, stations) typed the ways clerks type them.
 * Each row: input, expected canonical, expected postal code (undefined when the district is unknown),
 * and optionally parts to check field by field.
 */
const REAL_WORLD: [input: string, canonical: string, postalCode: string | undefined, parts?: Partial<TaiwanAddressParts>][] = [
  // Government offices
  ['臺北市中正區重慶南路一段122號', '臺北市中正區重慶南路一段122號', '100', { road: '重慶南路', section: 1, number: 122 }], // 總統府
  ['高雄市鳳山區光復路二段132號', '高雄市鳳山區光復路二段132號', '830', { section: 2, number: 132 }], // 鳳山行政中心
  ['臺中市西屯區臺灣大道三段99號', '臺中市西屯區臺灣大道三段99號', '407', { road: '臺灣大道', section: 3 }], // 臺中市政府
  ['新北市板橋區中山路一段161號', '新北市板橋區中山路一段161號', '220'], // 新北市政府
  ['花蓮縣花蓮市府前路17號', '花蓮縣花蓮市府前路17號', '970'], // 花蓮縣政府
  ['金門縣金城鎮民生路60號', '金門縣金城鎮民生路60號', '893'], // 金門縣政府
  ['連江縣南竿鄉介壽村76號', '連江縣南竿鄉介壽村76號', '209', { village: '介壽村', number: 76, road: undefined }], // 連江縣政府
  ['臺北市信義區市府路1號', '臺北市信義區市府路1號', '110'], // 臺北市政府
  ['桃園市桃園區縣府路1號', '桃園市桃園區縣府路1號', '330'], // 桃園市政府
  ['臺南市安平區永華路二段6號', '臺南市安平區永華路二段6號', '708'], // 臺南市政府永華市政中心
  ['高雄市苓雅區四維三路2號', '高雄市苓雅區四維三路2號', '802', { road: '四維三路', section: undefined }], // 高雄市政府; 三 is part of the name
  ['基隆市中正區義一路1號', '基隆市中正區義一路1號', '202'], // 基隆市政府
  ['新竹市北區中正路120號', '新竹市北區中正路120號', '300'], // 新竹市政府
  ['嘉義市東區中山路199號', '嘉義市東區中山路199號', '600'], // 嘉義市政府
  ['新竹縣竹北市光明六路10號', '新竹縣竹北市光明六路10號', '302'], // 新竹縣政府
  ['苗栗縣苗栗市府前路1號', '苗栗縣苗栗市府前路1號', '360'], // 苗栗縣政府
  ['彰化縣彰化市中山路二段416號', '彰化縣彰化市中山路二段416號', '500'], // 彰化縣政府
  ['南投縣南投市中興路660號', '南投縣南投市中興路660號', '540'], // 南投縣政府
  ['雲林縣斗六市雲林路二段515號', '雲林縣斗六市雲林路二段515號', '640'], // 雲林縣政府
  ['嘉義縣太保市祥和一路東段1號', '嘉義縣太保市祥和一路東段1號', '612', { road: '祥和一路東段', section: undefined }], // 嘉義縣政府: a named 段
  ['屏東縣屏東市自由路527號', '屏東縣屏東市自由路527號', '900'], // 屏東縣政府
  ['宜蘭縣宜蘭市縣政北路1號', '宜蘭縣宜蘭市縣政北路1號', '260'], // 宜蘭縣政府
  ['台東縣台東市中山路276號', '臺東縣臺東市中山路276號', '950'], // 臺東縣政府, typed with 台
  ['澎湖縣馬公市治平路32號', '澎湖縣馬公市治平路32號', '880'], // 澎湖縣政府
  ['臺北市中正區中山南路20號', '臺北市中正區中山南路20號', '100'], // 國家圖書館
  // Stations
  ['臺北市中正區北平西路3號', '臺北市中正區北平西路3號', '100'], // 臺北車站
  ['高雄市三民區建國二路318號', '高雄市三民區建國二路318號', '807'], // 高雄車站
  ['台中市中區台灣大道一段1號', '臺中市中區臺灣大道一段1號', '400', { road: '臺灣大道' }], // 臺中車站
  // Schools
  ['臺北市大安區羅斯福路四段1號', '臺北市大安區羅斯福路四段1號', '106'], // 臺灣大學
  ['臺北市文山區指南路2段64號', '臺北市文山區指南路二段64號', '116', { section: 2 }], // 政治大學
  ['新竹市東區大學路1001號', '新竹市東區大學路1001號', '300', { number: 1001 }], // 陽明交通大學
  ['臺南市東區大學路1號', '臺南市東區大學路1號', '701'], // 成功大學
  ['桃園市中壢區中大路300號', '桃園市中壢區中大路300號', '320'], // 中央大學
  ['嘉義縣民雄鄉大學路一段168號', '嘉義縣民雄鄉大學路一段168號', '621'], // 中正大學
  ['花蓮縣壽豐鄉大學路二段1號', '花蓮縣壽豐鄉大學路二段1號', '974'], // 東華大學
  ['臺東縣臺東市大學路二段369號', '臺東縣臺東市大學路二段369號', '950'], // 臺東大學
  ['高雄市楠梓區高雄大學路700號', '高雄市楠梓區高雄大學路700號', '811'], // 高雄大學
  ['南投縣埔里鎮大學路1號', '南投縣埔里鎮大學路1號', '545'], // 暨南國際大學
  ['臺中市南區興大路145號', '臺中市南區興大路145號', '402'], // 中興大學
  ['屏東縣內埔鄉學府路1號', '屏東縣內埔鄉學府路1號', '912'], // 屏東科技大學
  ['新北市淡水區英專路151號', '新北市淡水區英專路151號', '251'], // 淡江大學
  ['金門縣金寧鄉大學路1號', '金門縣金寧鄉大學路1號', '892'], // 金門大學
  ['彰化縣彰化市進德路1號', '彰化縣彰化市進德路1號', '500'], // 彰化師範大學
  ['台北市信義區信義路五段7號89樓', '臺北市信義區信義路五段7號89樓', '110', { floor: 89 }], // 臺北101
  // 村里 + 鄰, 巷/弄/衖, 之, 樓, 室
  ['南投縣仁愛鄉大同村5鄰仁和路12號', '南投縣仁愛鄉大同村5鄰仁和路12號', '546', { village: '大同村', neighborhood: 5, road: '仁和路' }],
  ['臺北市大安區龍泉里3鄰羅斯福路三段160巷5弄12號3樓', '臺北市大安區龍泉里3鄰羅斯福路三段160巷5弄12號3樓', '106', { village: '龍泉里', neighborhood: 3, lane: 160, alley: 5, number: 12, floor: 3 }],
  ['臺中市大里區大里里中興路二段1號', '臺中市大里區大里里中興路二段1號', '412', { village: '大里里', road: '中興路' }],
  ['宜蘭縣礁溪鄉玉田村005鄰中山路一段30號', '宜蘭縣礁溪鄉玉田村5鄰中山路一段30號', '262', { neighborhood: 5 }], // 戶役政 pads 鄰
  ['金門縣金城鎮珠沙里珠山1號', '金門縣金城鎮珠沙里珠山1號', '893', { village: '珠沙里', road: '珠山', number: 1 }], // 門牌 under a 聚落 name
  ['澎湖縣白沙鄉通梁村1鄰1號', '澎湖縣白沙鄉通梁村1鄰1號', '884', { village: '通梁村', neighborhood: 1, road: undefined }],
  ['新北市林口區新村一路1號', '新北市林口區新村一路1號', '244', { village: undefined, road: '新村一路' }],
  ['臺北市大安區新生南路三段86巷1弄2衖3號', '臺北市大安區新生南路三段86巷1弄2衖3號', '106', { lane: 86, alley: 1, subAlley: 2, number: 3 }],
  ['高雄市鳳山區光復路二段132號之1', '高雄市鳳山區光復路二段132號之1', '830', { number: 132, numberSuffix: 1 }],
  ['高雄市鳳山區光復路二段132之1號', '高雄市鳳山區光復路二段132號之1', '830', { number: 132, numberSuffix: 1 }],
  ['高雄市鳳山區光復路二段132-1號', '高雄市鳳山區光復路二段132號之1', '830', { number: 132, numberSuffix: 1 }],
  ['高雄市鳳山區光復路二段132號之1 5樓', '高雄市鳳山區光復路二段132號之1，5樓', '830', { numberSuffix: 1, floor: 5 }],
  ['高雄市鳳山區光復路二段132號5樓之1', '高雄市鳳山區光復路二段132號5樓之1', '830', { numberSuffix: undefined, floor: 5, floorSuffix: 1 }],
  ['臺北市信義區市府路1號5F-1', '臺北市信義區市府路1號5樓之1', '110', { floor: 5, floorSuffix: 1 }],
  ['臺北市信義區市府路1號12f', '臺北市信義區市府路1號12樓', '110', { floor: 12 }],
  ['臺北市中正區忠孝西路一段49號B1', '臺北市中正區忠孝西路一段49號地下1樓', '100', { floor: -1 }],
  ['臺北市中正區忠孝西路一段49號地下二樓', '臺北市中正區忠孝西路一段49號地下2樓', '100', { floor: -2 }],
  ['臺北市大安區羅斯福路四段1號之1 305室', '臺北市大安區羅斯福路四段1號之1，305室', '106', { numberSuffix: 1, room: '305' }],
  ['臺北市大安區羅斯福路四段1號7樓之2 3室', '臺北市大安區羅斯福路四段1號7樓之2，3室', '106', { floorSuffix: 2, room: '3' }],
  // Chinese numerals everywhere, full-width, spaces, financial forms
  ['新北市三重區重新路四段三十二巷五弄十號之一七樓', '新北市三重區重新路四段32巷5弄10號之1，7樓', '241', { lane: 32, alley: 5, number: 10, numberSuffix: 1, floor: 7 }],
  ['臺北市中正區重慶南路１段１２２號', '臺北市中正區重慶南路一段122號', '100'],
  ['臺北市　中正區　重慶南路　一段　一二二號', '臺北市中正區重慶南路一段122號', '100'],
  ['臺北市中正區重慶南路壹段壹佰貳拾貳號', '臺北市中正區重慶南路一段122號', '100'],
  ['高雄市三民區建國二路三一八號十一樓', '高雄市三民區建國二路318號11樓', '807', { number: 318, floor: 11 }],
  ['臺中市西屯區台灣大道3段99號', '臺中市西屯區臺灣大道三段99號', '407'],
  ['高雄市前金區中華4路100號', '高雄市前金區中華四路100號', '801', { road: '中華四路' }], // Arabic in a road name → official Chinese
  // Postal-code prefixes
  ['830高雄市鳳山區光復路二段132號', '高雄市鳳山區光復路二段132號', '830'],
  ['(100)臺北市中正區重慶南路一段122號', '臺北市中正區重慶南路一段122號', '100'],
  ['（１００）台北市中正區重慶南路１段１２２號', '臺北市中正區重慶南路一段122號', '100'],
  ['10048臺北市中正區重慶南路一段122號', '臺北市中正區重慶南路一段122號', '100'],
  ['100048 臺北市中正區重慶南路一段122號', '臺北市中正區重慶南路一段122號', '100'],
  // Country/province prefixes and missing 縣市
  ['臺灣臺北市中正區重慶南路一段122號', '臺北市中正區重慶南路一段122號', '100'],
  ['福建省連江縣南竿鄉介壽村76號', '連江縣南竿鄉介壽村76號', '209'],
  ['鳳山區光復路二段132號', '高雄市鳳山區光復路二段132號', '830', { city: '高雄市' }],
  ['花蓮市府前路17號', '花蓮縣花蓮市府前路17號', '970', { city: '花蓮縣' }],
  ['106大安區羅斯福路四段1號', '臺北市大安區羅斯福路四段1號', '106', { city: '臺北市' }],
  ['830光復路二段132號', '高雄市鳳山區光復路二段132號', '830', { city: '高雄市', district: '鳳山區' }],
  // Former county names (old ID cards, 戶籍謄本): mapped to today's division
  ['高雄縣鳳山市光復路二段132號', '高雄市鳳山區光復路二段132號', '830', { formerDivision: '高雄縣鳳山市' }],
  ['臺灣省臺北縣板橋市中山路1段161號', '新北市板橋區中山路一段161號', '220', { formerDivision: '臺北縣板橋市' }],
  ['台北縣板橋市中山路一段161號', '新北市板橋區中山路一段161號', '220', { formerDivision: '臺北縣板橋市' }],
  ['桃園縣桃園市縣府路1號', '桃園市桃園區縣府路1號', '330', { formerDivision: '桃園縣桃園市' }],
  ['臺南縣新營市民治路36號', '臺南市新營區民治路36號', '730'], // 臺南市政府民治市政中心
  ['臺中縣豐原市陽明街36號', '臺中市豐原區陽明街36號', '420'], // 臺中市政府陽明市政大樓
  ['高雄縣三民鄉民權村1號', '高雄市那瑪夏區民權村1號', '849'],
  ['苗栗縣頭份鎮中正路65號', '苗栗縣頭份市中正路65號', '351'],
  ['板橋市中山路一段161號', '新北市板橋區中山路一段161號', '220'],
];

describe('parseTaiwanAddress: real-world addresses', () => {
  it.each(REAL_WORLD)('%s', (input, canonical, postalCode, parts) => {
    const result = parseTaiwanAddress(input);
    if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
    expect(result.canonical).toBe(canonical);
    expect(result.parts.postalCode).toBe(postalCode);
    for (const [key, value] of Object.entries(parts ?? {})) expect(result.parts[key as keyof TaiwanAddressParts], key).toEqual(value);
    // The canonical form is a fixed point: parsing it again changes nothing.
    const again = parseTaiwanAddress(result.canonical);
    expect(again.ok && again.canonical).toBe(canonical);
  });

  it('has at least 40 real-world cases', () => {
    expect(REAL_WORLD.length).toBeGreaterThanOrEqual(40);
  });
});

describe('parseTaiwanAddress: canonical-form decisions', () => {
  const canonical = (input: string) => {
    const r = parseTaiwanAddress(input);
    return r.ok ? r.canonical : r.code;
  };

  it('folds 台 to 臺 in 縣市 and 鄉鎮市區 names', () => {
    expect(canonical('台北市中正區重慶南路一段122號')).toBe('臺北市中正區重慶南路一段122號');
    expect(canonical('台南市安平區永華路二段6號')).toBe('臺南市安平區永華路二段6號');
    expect(canonical('雲林縣台西鄉五港路1號')).toBe('雲林縣臺西鄉五港路1號');
    expect(canonical('屏東縣霧台鄉霧臺村1號')).toBe('屏東縣霧臺鄉霧臺村1號');
  });

  it('keeps 台 in road names unless the official name is known to use 臺', () => {
    expect(canonical('臺中市西屯區台灣大道三段99號')).toBe('臺中市西屯區臺灣大道三段99號');
    expect(canonical('新北市板橋區台中街1號')).toBe('新北市板橋區台中街1號'); // not in the list: left as typed
  });

  it('prints 段 in Chinese numerals, including two-digit sections', () => {
    expect(canonical('臺北市中正區重慶南路1段122號')).toBe('臺北市中正區重慶南路一段122號');
    expect(canonical('臺中市西屯區中清路11段1號')).toBe('臺中市西屯區中清路十一段1號');
    expect(canonical('臺中市西屯區中清路十段1號')).toBe('臺中市西屯區中清路十段1號');
  });

  it('prints 鄰/巷/弄/號/樓 in half-width Arabic digits', () => {
    expect(canonical('南投縣仁愛鄉大同村五鄰仁和路十二巷三弄一百零五號二十樓')).toBe('南投縣仁愛鄉大同村5鄰仁和路12巷3弄105號20樓');
  });

  it('keeps 之 after 號 (132號之1) whichever way it was typed', () => {
    for (const typed of ['132號之1', '132之1號', '132-1號', '132號-1', '一三二號之一', '１３２－１號']) {
      expect(canonical(`高雄市鳳山區光復路二段${typed}`)).toBe('高雄市鳳山區光復路二段132號之1');
    }
  });

  it('separates 號之N from a following floor with a full-width comma, never a space', () => {
    expect(canonical('高雄市鳳山區光復路二段132號之1 5樓')).toBe('高雄市鳳山區光復路二段132號之1，5樓');
    expect(canonical('高雄市鳳山區光復路二段132號之1，5樓')).toBe('高雄市鳳山區光復路二段132號之1，5樓');
    expect(canonical('高雄市鳳山區光復路二段132之1號5F')).toBe('高雄市鳳山區光復路二段132號之1，5樓');
    expect(canonical('高雄市鳳山區光復路二段132號5樓')).toBe('高雄市鳳山區光復路二段132號5樓'); // no 之: no comma
  });

  it('reads 號之N run into the floor when only one split is possible, and says so', () => {
    const r = parseTaiwanAddress('高雄市鳳山區光復路二段132號之15樓');
    expect(r.ok && r.parts).toMatchObject({ numberSuffix: 1, floor: 5 });
    expect(r.ok && r.parts.notes?.join()).toContain('請確認');
  });

  it('does not put the postal code in the canonical form', () => {
    expect(canonical('830高雄市鳳山區光復路二段132號')).toBe('高雄市鳳山區光復路二段132號');
  });

  it('gives 新竹市/嘉義市 their single postal code even without a district', () => {
    const r = parseTaiwanAddress('新竹市大學路1001號');
    expect(r.ok && r.parts.postalCode).toBe('300');
  });

  it('leaves the 縣市 empty when a district name is shared and nothing else decides', () => {
    const r = parseTaiwanAddress('大安區羅斯福路四段1號');
    expect(r.ok && r.parts.city).toBeUndefined();
    expect(r.ok && r.parts.notes?.join()).toContain('臺北市、臺中市');
  });

  it('does not mistake roads that contain 區/市/州 for districts or cities', () => {
    expect(canonical('新竹市園區二路1號')).toBe('新竹市園區二路1號');
    expect(canonical('臺北市杭州南路一段15號')).toBe('臺北市杭州南路一段15號');
    expect(canonical('杭州南路一段15號')).toBe('杭州南路一段15號');
    expect(canonical('臺北市萬華區成都路10號')).toBe('臺北市萬華區成都路10號');
  });
});

/** Bad input: every one returns a coded zh-TW error, none throws. */
const BAD: [input: string, code: string, messageIncludes?: string][] = [
  ['', 'ADDRESS_EMPTY'],
  ['   \u3000 ', 'ADDRESS_EMPTY'],
  ['臺北市中正區重慶南路一段', 'ADDRESS_NO_NUMBER', '號'],
  ['今天天氣很好', 'ADDRESS_NO_NUMBER'],
  ['hello world', 'ADDRESS_NO_NUMBER'],
  ['asdf;lkj號', 'ADDRESS_INVALID_CHARACTERS', ';'],
  ['臺北市中正區重慶南路一段122號😀', 'ADDRESS_INVALID_CHARACTERS', '😀'],
  ['北京市朝陽區建國路1號', 'ADDRESS_UNKNOWN_CITY', '北京市'],
  ['東京都新宿區西新宿2號', 'ADDRESS_UNKNOWN_CITY', '東京都'],
  ['臺灣縣中正區中山路1號', 'ADDRESS_UNKNOWN_CITY', '臺灣縣'],
  ['臺北市鳳山區光復路1號', 'ADDRESS_DISTRICT_NOT_IN_CITY', '高雄市'],
  ['高雄市板橋區中山路一段161號', 'ADDRESS_DISTRICT_NOT_IN_CITY', '新北市'],
  ['臺北市天龍區忠孝東路1號', 'ADDRESS_UNKNOWN_DISTRICT', '天龍區'],
  ['臺北市中正區重慶南路一段0號', 'ADDRESS_BAD_NUMBER', '0號'],
  ['臺北市中正區重慶南路一段零號', 'ADDRESS_BAD_NUMBER'],
  ['臺北市中正區重慶南路一段99999號', 'ADDRESS_BAD_NUMBER'],
  ['臺北市中正區重慶南路一段122號之0', 'ADDRESS_BAD_NUMBER', '之'],
  ['臺北市中正區重慶南路零段122號', 'ADDRESS_BAD_NUMBER', '段'],
  ['臺北市大安區羅斯福路四段1號500樓', 'ADDRESS_BAD_NUMBER', '樓'],
  ['臺北市大安區龍泉里0鄰羅斯福路三段1號', 'ADDRESS_BAD_NUMBER', '鄰'],
  ['臺北市中正區重慶南路一段122號之123樓', 'ADDRESS_AMBIGUOUS_NUMBER', '之123樓'],
  ['122號', 'ADDRESS_NO_ROAD'],
  ['臺北市中正區中山1號', 'ADDRESS_UNRECOGNIZED', '中山1號'],
  ['臺北市中正區12巷3號', 'ADDRESS_NO_ROAD'],
  ['999臺北市中正區重慶南路一段122號', 'ADDRESS_UNKNOWN_POSTCODE', '999'],
  ['830臺北市中正區重慶南路一段122號', 'ADDRESS_POSTCODE_MISMATCH', '830'],
  ['830臺北市重慶南路一段122號', 'ADDRESS_POSTCODE_MISMATCH'],
  ['臺北市中正區重慶南路一段122號（總統府）', 'ADDRESS_UNRECOGNIZED', '總統府'],
  ['臺北市中正區重慶南路一段122號旁邊', 'ADDRESS_UNRECOGNIZED', '旁邊'],
  ['臺北市中正區重慶南路一段122號5樓9樓', 'ADDRESS_UNRECOGNIZED'],
  ['臺北市中正區重慶南路一段122號5樓之', 'ADDRESS_UNRECOGNIZED', '不完整'],
  ['號'.repeat(201), 'ADDRESS_TOO_LONG'],
];

describe('parseTaiwanAddress: bad input', () => {
  it.each(BAD)('%s → %s', (input, code, messageIncludes) => {
    const result = parseTaiwanAddress(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.message).toMatch(/[\u4e00-\u9fff]/); // zh-TW for the clerk
    if (messageIncludes !== undefined) expect(result.message).toContain(messageIncludes);
  });

  it('has at least 10 bad inputs', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(10);
  });

  it('never throws, whatever it is given', () => {
    const weird: unknown[] = [undefined, null, 42, {}, [], '號號號', '-號', '之號', '段巷弄號樓', '((((號', '9'.repeat(200), '\u0000號', '臺北市臺北市臺北市'];
    for (const w of weird) {
      const r = parseTaiwanAddress(w as string);
      expect(typeof r.ok).toBe('boolean');
      if (!r.ok) expect(r.code).toMatch(/^ADDRESS_[A-Z_]+$/);
    }
  });
});
