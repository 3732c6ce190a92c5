import { buildElectron } from './electronBundle';

// `npm run build:electron`: the thin Electron shell into dist-electron/ (settings in electronBundle.ts).
await buildElectron();
