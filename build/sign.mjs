// electron-builder `win.signtoolOptions.sign` hook: Authenticode with a certificate from the build
// machine's environment or a hardware token, never from the repository (scripts/packaging/sign.ts).
import console from 'node:console';
import { tsImport } from 'tsx/esm/api';

export default async function sign(configuration) {
  const { signFile } = await tsImport('../scripts/packaging/sign.ts', import.meta.url);
  const plan = signFile(configuration.path);
  console.log(`  • ${plan.kind === 'skip' ? `NOT signed (${plan.reason})` : `signed and verified via ${plan.via}`}: ${configuration.path}`);
}
