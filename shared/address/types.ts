/**
 * The parsed shape of a Taiwanese address (門牌地址), from 縣市 down to 室. Numbers are numbers, not
 * strings, so two spellings of the same address (`三十二巷` / `32巷`) compare equal field by field;
 * how they are printed is decided once, in canonical.ts.
 */
import type { TaiwanAddressError } from './errors';

export type TaiwanAddressParts = {
  /** 3-digit 郵遞區號 of the district (from the postal table, not from the input); set when the district is known. */
  postalCode?: string;
  /** 縣市, always the current official name with 臺: 臺北市, 新北市 … 連江縣. */
  city?: string;
  /** 鄉鎮市區, current official name: 大安區, 花蓮市, 南竿鄉. */
  district?: string;
  /** 村里 as written, including its suffix: 介壽村, 龍泉里. */
  village?: string;
  /** 鄰. */
  neighborhood?: number;
  /**
   * 街路 including 路/街/大道 but not the numbered 段: 羅斯福路, 臺灣大道, 中華一路, 祥和一路東段.
   * In a 村里 without streets, the place name the 門牌 is numbered under (珠山).
   */
  road?: string;
  /** 段 (printed in Chinese numerals: 二段). */
  section?: number;
  /** 巷. */
  lane?: number;
  /** 弄. */
  alley?: number;
  /** 衖 (a lane off an 弄; rare). */
  subAlley?: number;
  /** 號 (門牌號碼), 1–9999. */
  number: number;
  /** 之N of the house number: `132號之1`, also typed `132之1號` or `132-1號`. */
  numberSuffix?: number;
  /** 樓; negative means below ground: 地下1樓 / B1 = -1. */
  floor?: number;
  /** 之N of the floor: `5樓之1`, `5F-1`. */
  floorSuffix?: number;
  /** 室 as written after width folding: `305`, `A`. */
  room?: string;
  /** The superseded 縣市/鄉鎮市 as written, when it was mapped to today's (e.g. 高雄縣鳳山市). */
  formerDivision?: string;
  /** zh-TW notes for the clerk about what was inferred or mapped (old county names, city from district …). */
  notes?: string[];
};

export type TaiwanAddressOk = { ok: true; parts: TaiwanAddressParts; canonical: string };
export type { TaiwanAddressError } from './errors';
export type TaiwanAddressResult = TaiwanAddressOk | TaiwanAddressError;
