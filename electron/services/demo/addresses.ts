import { pick } from './random';

// Real road names of 鳳山區 (the pilot office's district) and common origins of people moving in.
const FENGSHAN_ROADS = ['光復路二段', '中山西路', '青年路二段', '五甲一路', '文衡路', '維新路', '自由路', '建國路三段', '曹公路', '光遠路', '經武路', '中山東路', '國泰路二段', '鳳頂路', '保安一路'];
const ORIGINS = [
  ['高雄市', '苓雅區', ['四維三路', '中正一路', '三多二路', '光華一路']],
  ['高雄市', '前鎮區', ['中華五路', '瑞隆路', '復興三路', '凱旋四路']],
  ['高雄市', '三民區', ['建工路', '九如一路', '民族一路', '大昌二路']],
  ['高雄市', '大寮區', ['鳳屏一路', '大寮路', '光明路三段']],
  ['屏東縣', '屏東市', ['自由路', '中正路', '民生路', '廣東路']],
  ['臺南市', '東區', ['東門路二段', '林森路一段', '崇學路']],
  ['臺北市', '大安區', ['羅斯福路四段', '復興南路一段', '和平東路二段']],
] as const;

const number = (rand: () => number): string => {
  const n = 1 + Math.floor(rand() * 420);
  const lane = rand() < 0.3 ? `${1 + Math.floor(rand() * 300)}巷` : '';
  const floor = rand() < 0.45 ? `${2 + Math.floor(rand() * 14)}樓` : '';
  return `${lane}${n}號${floor}`;
};

export const randomFengshanAddress = (rand: () => number): string => `高雄市鳳山區${pick(rand, FENGSHAN_ROADS)}${number(rand)}`;

export function randomOriginAddress(rand: () => number): string {
  const [city, district, roads] = pick(rand, ORIGINS);
  return `${city}${district}${pick(rand, roads)}${number(rand)}`;
}
