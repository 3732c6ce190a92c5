import { XMLParser } from 'fast-xml-parser';
import type { ColorMode } from '../../../../shared/scanning/profiles';

/** eSCL (Mopria / AirScan) XML: the scanner describes itself, we describe the scan we want. */
const NS = 'xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm" xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03"';

export type EsclInputCaps = { colorModes: string[]; resolutions: number[]; formats: string[] };
export type EsclCapabilities = { makeAndModel: string; platen: EsclInputCaps | null; adfSimplex: EsclInputCaps | null; adfDuplex: EsclInputCaps | null };
export type EsclStatus = { state: string; adfState: string | null };

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => ['SettingProfile', 'ColorMode', 'DocumentFormat', 'DocumentFormatExt', 'DiscreteResolution'].includes(name),
});

type Node = Record<string, unknown>;
const obj = (v: unknown): Node | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function inputCaps(node: unknown): EsclInputCaps | null {
  const caps = obj(node);
  if (!caps) return null;
  const profiles = arr(obj(caps.SettingProfiles)?.SettingProfile).map(obj).filter((p): p is Node => p !== null);
  const out: EsclInputCaps = { colorModes: [], resolutions: [], formats: [] };
  for (const p of profiles) {
    out.colorModes.push(...arr(obj(p.ColorModes)?.ColorMode).map(str));
    const formats = obj(p.DocumentFormats);
    out.formats.push(...arr(formats?.DocumentFormat).map(str), ...arr(formats?.DocumentFormatExt).map(str));
    for (const r of arr(obj(obj(p.SupportedResolutions)?.DiscreteResolutions)?.DiscreteResolution)) {
      const x = Number(str(obj(r)?.XResolution));
      if (x > 0) out.resolutions.push(x);
    }
  }
  return {
    colorModes: [...new Set(out.colorModes.filter(Boolean))],
    resolutions: [...new Set(out.resolutions)].sort((a, b) => a - b),
    formats: [...new Set(out.formats.filter(Boolean))],
  };
}

/** Parses `GET /eSCL/ScannerCapabilities`; throws on anything that is not eSCL. */
export function parseCapabilities(xml: string): EsclCapabilities {
  const root = obj(obj(parser.parse(xml))?.ScannerCapabilities);
  if (!root) throw new Error('not an eSCL ScannerCapabilities document');
  const adf = obj(root.Adf);
  return {
    makeAndModel: str(root.MakeAndModel) || 'eSCL scanner',
    platen: inputCaps(obj(root.Platen)?.PlatenInputCaps),
    adfSimplex: inputCaps(adf?.AdfSimplexInputCaps),
    adfDuplex: inputCaps(adf?.AdfDuplexInputCaps),
  };
}

/** Parses `GET /eSCL/ScannerStatus`. */
export function parseStatus(xml: string): EsclStatus {
  const root = obj(obj(parser.parse(xml))?.ScannerStatus);
  if (!root) throw new Error('not an eSCL ScannerStatus document');
  return { state: str(root.State) || 'Unknown', adfState: str(root.AdfState) || null };
}

export const ESCL_COLOR: Record<ColorMode, string> = { gray: 'Grayscale8', color: 'RGB24', bw: 'BlackAndWhite1' };

export type EsclSettings = { source: 'Platen' | 'Feeder'; duplex: boolean; colorMode: string; resolution: number; format: string };

/** A4 in eSCL's units (1/300 inch). */
const A4_300 = { width: 2480, height: 3508 };

/** The body of `POST /eSCL/ScanJobs`. */
export function scanSettingsXml(s: EsclSettings): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScanSettings ${NS}>
  <pwg:Version>2.63</pwg:Version>
  <scan:Intent>Document</scan:Intent>
  <pwg:ScanRegions>
    <pwg:ScanRegion>
      <pwg:Height>${A4_300.height}</pwg:Height>
      <pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>
      <pwg:Width>${A4_300.width}</pwg:Width>
      <pwg:XOffset>0</pwg:XOffset>
      <pwg:YOffset>0</pwg:YOffset>
    </pwg:ScanRegion>
  </pwg:ScanRegions>
  <pwg:InputSource>${s.source}</pwg:InputSource>
  ${s.source === 'Feeder' ? `<scan:Duplex>${s.duplex}</scan:Duplex>` : ''}
  <scan:ColorMode>${s.colorMode}</scan:ColorMode>
  <scan:XResolution>${s.resolution}</scan:XResolution>
  <scan:YResolution>${s.resolution}</scan:YResolution>
  <pwg:DocumentFormat>${s.format}</pwg:DocumentFormat>
  <scan:DocumentFormatExt>${s.format}</scan:DocumentFormatExt>
</scan:ScanSettings>
`;
}
