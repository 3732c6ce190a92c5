import { createHash } from 'node:crypto';
import { createReadStream, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const sha256 = (file: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file).on('data', (c) => h.update(c)).on('error', reject).on('end', () => resolve(h.digest('hex')));
  });

/**
 * SHA256SUMS for the release folder, in the format `sha256sum -c` reads, so IT can check a .deb or
 * AppImage (which carry no Authenticode signature) before installing it. Update metadata
 * (latest*.yml) and block maps are left out: they are not installed by hand.
 */
export async function writeChecksums(outDir: string, artifacts: readonly string[]): Promise<string> {
  const files = artifacts.filter((f) => !/\.(yml|yaml|blockmap)$/.test(f) && basename(f) !== 'SHA256SUMS').sort((a, b) => basename(a).localeCompare(basename(b)));
  const lines = await Promise.all(files.map(async (f) => `${await sha256(f)}  ${basename(f)}`));
  const out = join(outDir, 'SHA256SUMS');
  writeFileSync(out, `${lines.join('\n')}\n`);
  return out;
}
