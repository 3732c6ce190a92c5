/**
 * Everything after the 鄉鎮市區: 村里, 鄰, 街路, 段, 巷, 弄, 衖, 號(之), 樓(之), 室.
 *
 * Names (村里, 街路) have no delimiter before them, and they may contain the very characters that end
 * them (新村路 is a road, 大里里 a village, 中華一路 a road whose 一 is not a 段). So we enumerate
 * the few plausible cuts — which 村/里 ends the village, which 路/街/大道 ends the road — and keep
 * the first reading in which the rest parses completely. Failures remember how far they got, and the
 * furthest one is reported, because that is where the clerk's typo is.
 */
import { addressError, messages } from './errors';
import { isNumeralChar, parseNumeral, toChineseNumeral } from '../text/numerals';
import { foldTai } from './divisions';
import type { TaiwanAddressError, TaiwanAddressParts } from './types';

export type StreetParts = Omit<TaiwanAddressParts, 'postalCode' | 'city' | 'district' | 'formerDivision' | 'notes'>;
export type StreetResult = { ok: true; parts: StreetParts; notes: string[] } | { ok: false; error: TaiwanAddressError; progress: number };

/**
 * Road names whose official spelling uses 臺 although 台 is commonly typed. We fold only these:
 * most road names are registered exactly as the 門牌 shows them (some with 台), and guessing would
 * turn a correct address into a wrong one. Extend this list from 門牌 data, not from taste.
 */
const OFFICIAL_TAI_ROADS: readonly string[] = ['臺灣大道'];

/** Plausible value ranges; anything outside is a typo (0號) or a pasted phone number, not a place. */
const RANGES = {
  neighborhood: { label: '鄰', min: 1, max: 999 },
  section: { label: '段', min: 1, max: 30 },
  lane: { label: '巷', min: 1, max: 9999 },
  alley: { label: '弄', min: 1, max: 9999 },
  subAlley: { label: '衖', min: 1, max: 9999 },
  number: { label: '門牌號碼', min: 1, max: 9999 },
  numberSuffix: { label: '之號', min: 1, max: 999 },
  floor: { label: '樓層', min: 1, max: 200 },
  basement: { label: '地下樓層', min: 1, max: 20 },
  floorSuffix: { label: '樓之號', min: 1, max: 999 },
} as const;
type RangeKey = keyof typeof RANGES;

/** Characters that end a name: a 村里 or 街路 name never contains these. */
const NAME_STOP = /[0-9A-Z,\-()號樓鄰巷弄衖室之段]/;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Internal failure carrying the position reached, so the best of several readings can be reported. */
class Fail {
  constructor(readonly error: TaiwanAddressError, readonly progress: number) {}
}

/** A cursor over the text after the 鄉鎮市區; each read either consumes or leaves `pos` untouched. */
class Cursor {
  pos = 0;
  constructor(readonly text: string, readonly offset: number) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(n = 1): string {
    return this.text.slice(this.pos, this.pos + n);
  }
  eat(literal: string): boolean {
    if (!this.text.startsWith(literal, this.pos)) return false;
    this.pos += literal.length;
    return true;
  }
  /** A run of Arabic digits or a run of Chinese numerals (never a mix: `1五` is a typo). */
  numeralRun(): string {
    const arabic = /[0-9]/.test(this.peek());
    let end = this.pos;
    while (end < this.text.length && isNumeralChar(this.text[end]) && /[0-9]/.test(this.text[end] as string) === arabic) end++;
    return this.text.slice(this.pos, end);
  }
  fail(error: TaiwanAddressError, at = this.pos): never {
    throw new Fail(error, this.offset + at);
  }
  unrecognized(): never {
    if (this.done) this.fail(addressError('ADDRESS_UNRECOGNIZED', messages.incomplete(this.text.slice(-4))));
    this.fail(addressError('ADDRESS_UNRECOGNIZED', messages.unrecognized(this.text.slice(this.pos, this.pos + 12))));
  }
}

function checkRange(cur: Cursor, key: RangeKey, value: number | undefined, written: string, at: number): number {
  const r = RANGES[key];
  if (value === undefined || value < r.min || value > r.max) {
    cur.fail(addressError('ADDRESS_BAD_NUMBER', messages.badNumber(r.label, written, r.min, r.max)), at);
  }
  return value;
}

/** Reads `<numeral><unit>` if present (e.g. `三十二巷`), range-checked; otherwise consumes nothing. */
function readUnit(cur: Cursor, unit: string, key: RangeKey): number | undefined {
  const start = cur.pos;
  const run = cur.numeralRun();
  if (run === '' || cur.text.slice(start + run.length, start + run.length + unit.length) !== unit) return undefined;
  cur.pos = start + run.length + unit.length;
  return checkRange(cur, key, parseNumeral(run), run + unit, start);
}

/** Reads a required numeral after `之`/`-` and range-checks it. */
function readSuffix(cur: Cursor, key: RangeKey, label: string): number {
  const start = cur.pos;
  const run = cur.numeralRun();
  if (run === '') cur.unrecognized();
  cur.pos += run.length;
  return checkRange(cur, key, parseNumeral(run), label + run, start);
}

/**
 * `號之15樓`: the digits after 之 ran straight into the floor. Only a split in which both halves are
 * valid numbers can be meant; if there is exactly one (之一七樓 → 之1 + 7樓) we take it and tell the
 * clerk, if there are several (之123樓) we refuse rather than guess which flat.
 */
function splitSuffixAndFloor(run: string): { suffix: number; floor: number }[] {
  const chars = [...run];
  const splits: { suffix: number; floor: number }[] = [];
  for (let i = 1; i < chars.length; i++) {
    const left = chars.slice(0, i).join('');
    const right = chars.slice(i).join('');
    if (right.startsWith('0')) continue;
    const suffix = parseNumeral(left);
    const floor = parseNumeral(right);
    if (suffix === undefined || floor === undefined || suffix < 1 || floor < 1 || floor > RANGES.floor.max) continue;
    splits.push({ suffix, floor });
  }
  return splits;
}

/** 段 through 室; the cursor starts right after the road (or the 村里/鄰 when there is no road). */
function parseTail(cur: Cursor, parts: StreetParts, notes: string[]): void {
  const section = readUnit(cur, '段', 'section');
  if (section !== undefined) parts.section = section;
  const lane = readUnit(cur, '巷', 'lane');
  if (lane !== undefined) parts.lane = lane;
  const alley = readUnit(cur, '弄', 'alley');
  if (alley !== undefined) parts.alley = alley;
  const subAlley = readUnit(cur, '衖', 'subAlley');
  if (subAlley !== undefined) parts.subAlley = subAlley;

  // 號, in its three spellings: 132號之1, 132之1號, 132-1號 (and 132號-1).
  const numberStart = cur.pos;
  const numberRun = cur.numeralRun();
  if (numberRun === '') cur.unrecognized();
  cur.pos += numberRun.length;
  parts.number = checkRange(cur, 'number', parseNumeral(numberRun), `${numberRun}號`, numberStart);
  let floorTakenBySplit = false;
  if (cur.eat('號')) {
    if (cur.peek() === '之' || cur.peek() === '-') {
      cur.pos++;
      const suffixStart = cur.pos;
      const run = cur.numeralRun();
      const next = cur.text[suffixStart + run.length];
      if (run !== '' && (next === '樓' || next === 'F')) {
        const splits = splitSuffixAndFloor(run);
        if (splits.length > 1) cur.fail(addressError('ADDRESS_AMBIGUOUS_NUMBER', messages.ambiguousNumber(`之${run}樓`)), suffixStart);
        const only = splits[0];
        if (only !== undefined) {
          parts.numberSuffix = checkRange(cur, 'numberSuffix', only.suffix, `之${only.suffix}`, suffixStart);
          parts.floor = only.floor;
          cur.pos = suffixStart + run.length + 1;
          floorTakenBySplit = true;
          notes.push(`「之${run}樓」解讀為之${only.suffix}、${only.floor}樓，請確認`);
        }
      }
      if (!floorTakenBySplit) parts.numberSuffix = readSuffix(cur, 'numberSuffix', '之');
    }
  } else if (cur.peek() === '之' || cur.peek() === '-') {
    cur.pos++;
    parts.numberSuffix = readSuffix(cur, 'numberSuffix', '之');
    if (!cur.eat('號')) cur.unrecognized();
  } else {
    cur.unrecognized();
  }

  if (!floorTakenBySplit) {
    // A `,` survives normalisation only between two numerals, i.e. exactly here (之1,5樓).
    cur.eat(',');
    readFloor(cur, parts);
  }
  if (parts.floor !== undefined && (cur.peek() === '之' || cur.peek() === '-')) {
    cur.pos++;
    parts.floorSuffix = readSuffix(cur, 'floorSuffix', '樓之');
  }
  if (parts.numberSuffix !== undefined || parts.floorSuffix !== undefined) cur.eat(','); // 5樓之1，3室

  readRoom(cur, parts);
  if (!cur.done) cur.unrecognized();
}

/** 305室, A室, 三〇五室. Kept as a string: rooms may carry letters. */
function readRoom(cur: Cursor, parts: StreetParts): void {
  const start = cur.pos;
  const latin = /^[0-9A-Z]{1,6}(?=室)/.exec(cur.text.slice(start))?.[0];
  const run = latin ?? cur.numeralRun();
  if (run === '' || cur.text[start + run.length] !== '室') return;
  const value = latin ?? parseNumeral(run);
  if (value === undefined) cur.unrecognized();
  parts.room = String(value);
  cur.pos = start + run.length + 1;
}

/** 5樓, 五樓, 5F, 地下1樓, 地下一樓, B1, B1F, B1樓. */
function readFloor(cur: Cursor, parts: StreetParts): void {
  const start = cur.pos;
  const basement = cur.eat('地下') || (cur.peek() === 'B' && /[0-9]/.test(cur.text[cur.pos + 1] ?? '') && cur.eat('B'));
  const run = cur.numeralRun();
  if (run === '') {
    cur.pos = start;
    return;
  }
  const unitAt = cur.pos + run.length;
  const unit = cur.text[unitAt];
  if (unit === '樓' || unit === 'F') cur.pos = unitAt + 1;
  else if (basement && cur.text.startsWith('B', start)) cur.pos = unitAt; // bare `B1`
  else {
    cur.pos = start;
    return;
  }
  const written = cur.text.slice(start, cur.pos);
  const value = basement ? checkRange(cur, 'basement', parseNumeral(run), written, start) : checkRange(cur, 'floor', parseNumeral(run), written, start);
  parts.floor = basement ? -value : value;
}

/**
 * Where a 村/里 name could end: prefixes ending in 村 or 里. Most names are two characters plus
 * 村/里, so length 3 is tried first (大里里 中興路, not 大里 + 里中興路). One-character names are
 * rare and collide with roads (新村一路), so they are tried only after "no village" (0) failed.
 */
function villageCuts(text: string): number[] {
  const cuts: number[] = [];
  for (let end = 2; end <= Math.min(5, text.length); end++) {
    const name = text.slice(0, end);
    if (!/[村里]$/.test(name) || [...name].some((ch) => NAME_STOP.test(ch) || !CJK.test(ch))) continue;
    cuts.push(end);
  }
  const preference = (n: number) => [3, 4, 5, 0, 2].indexOf(n);
  return [...cuts, 0].sort((a, b) => preference(a) - preference(b));
}

/** Where a road name could end: after each 路/街/大道, optionally with a named 東段/西段…; shortest first. */
function roadCuts(text: string): number[] {
  const cuts: number[] = [];
  for (let i = 1; i < text.length; i++) {
    const ch = text[i] as string;
    if (NAME_STOP.test(ch) && !/[0-9]/.test(ch)) break; // a road name never spans a 巷/號/…
    if (ch !== '路' && ch !== '街' && !(ch === '道' && text[i - 1] === '大')) continue;
    const end = i + 1;
    if (/^[東西南北中]段/.test(text.slice(end))) cuts.push(end + 2); // 祥和一路東段: a named, not numbered, 段
    cuts.push(end);
  }
  return cuts;
}

/**
 * In villages without named streets (金門, 澎湖, 山區聚落) the 門牌 is numbered under a place name:
 * `…珠沙里珠山1號`. After a 村里 we accept 2–4 characters directly followed by the number as that
 * name, stored in `road`. Only after a 村里, so a bare `中山1號` is still rejected as garbage.
 */
function placeNameCut(text: string): number | undefined {
  let end = 0;
  while (end < text.length && end < 4 && CJK.test(text[end] as string) && !NAME_STOP.test(text[end] as string) && !isNumeralChar(text[end])) end++;
  return end >= 2 && isNumeralChar(text[end]) ? end : undefined;
}

/** Arabic digits inside a road name are a typing shortcut for the official Chinese (民族1路 → 民族一路). */
function canonicalRoadName(written: string): string {
  const withChinese = written.replace(/[0-9]+/g, (digits) => toChineseNumeral(Number.parseInt(digits, 10)));
  const official = OFFICIAL_TAI_ROADS.find((road) => foldTai(withChinese).startsWith(road));
  return official === undefined ? withChinese : official + withChinese.slice(official.length);
}

function attempt(text: string, offset: number, villageEnd: number, roadEnd: number | undefined): StreetResult {
  const parts = { number: 0 } as StreetParts;
  const notes: string[] = [];
  const cur = new Cursor(text, offset);
  try {
    if (villageEnd > 0) {
      parts.village = text.slice(0, villageEnd);
      cur.pos = villageEnd;
    }
    const neighborhood = readUnit(cur, '鄰', 'neighborhood');
    if (neighborhood !== undefined) parts.neighborhood = neighborhood;
    if (roadEnd !== undefined) {
      const name = text.slice(cur.pos, roadEnd);
      const core = name.replace(/[東西南北中]段$/, ''); // the named 段 of 祥和一路東段 belongs to the name
      if (core.length < 2 || !CJK.test(core[0] as string) || [...core].some((ch) => NAME_STOP.test(ch) && !/[0-9]/.test(ch))) cur.unrecognized();
      parts.road = canonicalRoadName(name);
      cur.pos = roadEnd;
    }
    parseTail(cur, parts, notes);
    if (parts.road === undefined && parts.village === undefined) {
      return { ok: false, error: addressError('ADDRESS_NO_ROAD', messages.noRoad()), progress: offset + text.length };
    }
    return { ok: true, parts, notes };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.error, progress: e.progress };
    throw e;
  }
}

/**
 * Parses the street part. `offset` is where `text` starts in the whole normalised address, so that
 * progress is comparable with failures found earlier by the caller.
 */
export function parseStreet(text: string, offset = 0): StreetResult {
  let best: Extract<StreetResult, { ok: false }> | undefined;
  for (const villageEnd of villageCuts(text)) {
    const afterVillage = text.slice(villageEnd);
    // A 鄰 sits between the village and the road; skip it when looking for where the road ends.
    const neighborhoodLength = /^[^,路街]*?鄰/.exec(afterVillage)?.[0].length ?? 0;
    const afterNeighborhood = afterVillage.slice(neighborhoodLength);
    const cuts = roadCuts(afterNeighborhood);
    const place = villageEnd > 0 ? placeNameCut(afterNeighborhood) : undefined;
    if (place !== undefined) cuts.push(place);
    const roads = cuts.map((end) => villageEnd + neighborhoodLength + end);
    for (const roadEnd of [...roads, undefined]) {
      const result = attempt(text, offset, villageEnd, roadEnd);
      if (result.ok) return result;
      if (best === undefined || result.progress > best.progress) best = result;
    }
  }
  return best ?? { ok: false, error: addressError('ADDRESS_UNRECOGNIZED', messages.unrecognized(text.slice(0, 12))), progress: offset };
}
