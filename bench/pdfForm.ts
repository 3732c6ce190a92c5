import { PDFDocument, StandardFonts } from 'pdf-lib';
import { sampleConsentFormModel } from '../electron/services/pdf/consentForm.fixtures';
import { renderConsentForm } from '../electron/services/pdf/consentForm';
import { loadFormFont } from '../electron/services/pdf/font';
import { entry, percentile, timeRunsAsync, type BenchEntry } from './stats';

const RUNS = 100;

/** The same one-page shape with pdf-lib's built-in Helvetica: what PDF generation costs without CJK. */
async function latinBaseline(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  lines.forEach((line, i) => page.drawText(line, { x: 40, y: 800 - i * 14, size: 10, font }));
  return doc.save();
}

/**
 * pdf-form: the combined consent form of a typical 遷徙 case (6 items: five notifications and the
 * 稅單查證) against a Latin-only page with the same number of lines, both in this run. The font is
 * loaded once beforehand, as the app does at start-up.
 */
export async function benchPdfForm(): Promise<BenchEntry[]> {
  await loadFormFont();
  const model = sampleConsentFormModel(6);
  let size = 0;
  const times = await timeRunsAsync(RUNS, async () => {
    size = (await renderConsentForm(model)).byteLength;
  });
  const lines = [model.caseNo, model.person.name, model.oldAddress, model.newAddress, ...model.items.flatMap((i) => [i.title, i.consentText])].map((l) =>
    l.replace(/[^\x20-\x7e]/g, 'x'),
  );
  let baselineSize = 0;
  const baseline = await timeRunsAsync(RUNS, async () => {
    baselineSize = (await latinBaseline(lines)).byteLength;
  });
  return [
    entry('pdf-form-p50', percentile(times, 50), 'ms', 100, { baseline: percentile(baseline, 50) }),
    entry('pdf-form-p99', percentile(times, 99), 'ms', 100, { baseline: percentile(baseline, 99) }),
    entry('pdf-form-size', size / 1024, 'KB', 120, { baseline: baselineSize / 1024 }),
  ];
}
