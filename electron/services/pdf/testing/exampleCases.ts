// Cases of every life event, made the way the counter makes them (catalogue example draft → createCase on
// a real SQLite file), for the form tests and the pdf-form bench.
import type { ConsentFormModel } from '../../../../shared/forms/consentFormModel';
import { exampleDraft } from '../../catalogue/examples';
import { createCase } from '../../cases/createCase';
import { buildConsentFormModel } from '../../cases/formModel';
import type { ServiceContext } from '../../context';
import { resourcePath } from '../../resources';
import { makeContext, seedClerk, tempDir } from '../../testing/fixtures';

/** Saves `resources/catalogue/examples/<code>.json` as a case on `ctx`; its case number. */
export function createExampleCase(ctx: ServiceContext, lifeEvent: string): string {
  const actor = seedClerk(ctx, `clerk-${lifeEvent}`);
  return createCase(ctx, actor, exampleDraft(ctx.catalogue, resourcePath('catalogue'), lifeEvent)).caseNo;
}

/** The consent form model of a freshly saved example case (the database is thrown away). */
export function exampleFormModel(lifeEvent: string): ConsentFormModel {
  const tmp = tempDir('nin1-form-model-');
  const ctx = makeContext(tmp.file('cases.sqlite'));
  try {
    return buildConsentFormModel(ctx, createExampleCase(ctx, lifeEvent));
  } finally {
    ctx.db.close();
    tmp.cleanup();
  }
}
