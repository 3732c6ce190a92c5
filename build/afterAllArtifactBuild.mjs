// electron-builder `afterAllArtifactBuild` hook: SHA256SUMS next to the installers and packages
// (scripts/packaging/checksums.ts); returned so it is published with them.
import { tsImport } from 'tsx/esm/api';

export default async function afterAllArtifactBuild(result) {
  const { writeChecksums } = await tsImport('../scripts/packaging/checksums.ts', import.meta.url);
  return [await writeChecksums(result.outDir, result.artifactPaths)];
}
