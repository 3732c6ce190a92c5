import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { ConsentFormModel } from '../shared/forms/consentFormModel';
import { sampleConsentFormModel } from '../electron/services/pdf/consentForm.fixtures';
import { renderConsentForm, renderConsentFormWithPages } from '../electron/services/pdf/consentForm';
import { loadFormFont } from '../electron/services/pdf/font';
import { exampleFormModel } from '../electron/services/pdf/testing/exampleCases';
import { entry, percentile, timeRunsAsync, type BenchEntry } from './stats';

const RUNS = 100;
const DEATH_RUNS = 30;

/** The same number of lines with pdf-lib's built-in Helvetica, one page per 50: what PDF generation costs without CJK. */
async function latinBaseline(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let start = 0; start < lines.length; start += 50) {
    const page = doc.addPage([595.28, 841.89]);
    lines.slice(start, start + 50).forEach((line, i) => page.drawText(line, { x: 40, y: 800 - i * 14, size: 10, font }));
  }
  return doc.save();
}

/** Every text line the form prints, made ASCII for the baseline. */
const formLines = (model: ConsentFormModel): string[] =>
  [
    model.caseNo,
    model.person.name,
    ...model.participants.map((p) => p.name),
    ...model.eventFields.flatMap((f) => [f.label, f.value]),
    ...model.items.flatMap((i) => [i.title, i.consentText]),
    ...model.schedule.flatMap((l) => [l.title, l.agency, l.dueDate, l.basis]),
    ...model.missingDocuments,
  ].map((l) => l.replace(/[^\x20-\x7e]/g, 'x'));

async function baselineTimes(model: ConsentFormModel, runs: number): Promise<{ times: number[]; size: number }> {
  const lines = formLines(model);
  let size = 0;
  const times = await timeRunsAsync(runs, async () => {
    size = (await latinBaseline(lines)).byteLength;
  });
  return { times, size };
}

/**
 * pdf-form: the combined consent form of a typical 遷徙 case (6 items: five notifications and the
 * 稅單查證) against a Latin-only page with the same number of lines, both in this run. The font is
 * loaded once beforehand, as the app does at start-up.
 * pdf-form-death: the 家人身後事 example case as the counter saves it (8 items, deceased, 14 event
 * fields and the ~33-row 後續辦理時程 over two more pages), against its Latin baseline.
 */
export async function benchPdfForm(): Promise<BenchEntry[]> {
  await loadFormFont();
  const model = sampleConsentFormModel(6);
  let size = 0;
  const times = await timeRunsAsync(RUNS, async () => {
    size = (await renderConsentForm(model)).byteLength;
  });
  const baseline = await baselineTimes(model, RUNS);

  const death = exampleFormModel('death');
  let deathSize = 0;
  let deathPages = 0;
  const deathTimes = await timeRunsAsync(DEATH_RUNS, async () => {
    const r = await renderConsentFormWithPages(death);
    deathSize = r.pdf.byteLength;
    deathPages = r.pages;
  });
  const deathBaseline = await baselineTimes(death, DEATH_RUNS);
  const note = `${deathPages} pages, ${death.items.length} items, ${death.schedule.length} schedule rows`;
  return [
    entry('pdf-form-p50', percentile(times, 50), 'ms', 100, { baseline: percentile(baseline.times, 50) }),
    entry('pdf-form-p99', percentile(times, 99), 'ms', 100, { baseline: percentile(baseline.times, 99) }),
    entry('pdf-form-size', size / 1024, 'KB', 120, { baseline: baseline.size / 1024 }),
    entry('pdf-form-death-p50', percentile(deathTimes, 50), 'ms', 300, { baseline: percentile(deathBaseline.times, 50), note }),
    entry('pdf-form-death-size', deathSize / 1024, 'KB', 200, { baseline: deathBaseline.size / 1024, note }),
  ];
}
