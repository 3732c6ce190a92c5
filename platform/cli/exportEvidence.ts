import { writeFileSync } from 'node:fs';
import { exportEvidence } from '../signing/exportEvidence';
import { need, STORAGE_OPTIONS, withStore, type Command } from './options';

/** `export-evidence --notification ID --out FILE` (stable surface, issue 15): one JSON bundle, checked offline by `npm run counter -- verify-evidence FILE`. */
export const exportEvidenceCommand: Command = {
  name: 'export-evidence',
  usage: 'export-evidence (--db FILE | --pg URL) --notification ID --out FILE',
  options: { ...STORAGE_OPTIONS, notification: { type: 'string' }, out: { type: 'string' } },
  async run(v) {
    const id = need(v, 'notification');
    const out = need(v, 'out');
    const bundle = await withStore(v, (store) => exportEvidence(store, id, new Date().toISOString()));
    writeFileSync(out, `${JSON.stringify(bundle, null, 2)}\n`);
    console.log(`已寫出證據包 ${out}（訊息紀錄第 ${bundle.entry.seq} 筆，紀錄頭第 ${bundle.head.seq} 筆）`);
    return 0;
  },
};
