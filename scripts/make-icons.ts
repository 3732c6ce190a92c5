/**
 * Renders build/icon.svg into the icons electron-builder needs, with sharp (already a dependency):
 *   build/icon.ico            Windows (16–256 px, PNG-compressed entries, as Vista+ reads them)
 *   build/icon.png            512 px, the default
 *   build/icons/<N>x<N>.png   Linux (deb/AppImage pick sizes by file name)
 * The results are committed so a build machine needs no SVG renderer; re-run after editing the SVG:
 *   npx tsx scripts/make-icons.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { encodeIco } from './icons/ico';

const build = (p: string) => fileURLToPath(new URL(`../build/${p}`, import.meta.url));
const svg = readFileSync(build('icon.svg'));
const png = (size: number) => sharp(svg, { density: Math.ceil((72 * size) / 512) * 2 }).resize(size, size).png({ compressionLevel: 9 }).toBuffer();

export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
export const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];

mkdirSync(build('icons'), { recursive: true });
writeFileSync(build('icon.ico'), encodeIco(await Promise.all(ICO_SIZES.map(async (size) => ({ size, png: await png(size) })))));
writeFileSync(build('icon.png'), await png(512));
for (const size of LINUX_SIZES) writeFileSync(build(`icons/${size}x${size}.png`), await png(size));
console.log(`icons written: icon.ico (${ICO_SIZES.join(', ')}), icon.png, icons/ (${LINUX_SIZES.join(', ')})`);
