import type { FastifyInstance } from 'fastify';
import type { WireError } from '../../shared/platform/wire';
import type { ProgressRegistration, RegisterProgressResult } from '../../shared/progress/register';
import { indexCatalogue, wireError, type CatalogueIndex } from '../notifications/checkEnvelope';
import { officeOfCase } from '../notifications/checkOwnership';
import type { PlatformDeps } from '../server/deps';
import { PlatformFailure } from '../server/failure';
import { registerEndpoint } from '../server/register';

/**
 * One fixed answer for a case number of another office: it names neither that case nor whether
 * the platform knows it (the check reads nothing but the token and the number's prefix).
 */
const NOT_YOURS = '案件編號不屬於此工作站的戶所';

/** Why this record cannot be registered for `office`, or null. Checked per record, so one bad case never holds back the rest. */
function problemOf(r: ProgressRegistration, office: string, cat: CatalogueIndex, path: string): WireError | null {
  if (officeOfCase(r.caseNo) !== office) return wireError('OFFICE_MISMATCH', NOT_YOURS, `${path}.caseNo`);
  for (const [i, item] of r.items.entries()) {
    if (!cat.items.has(item.itemCode)) return wireError('ITEM_UNKNOWN', `「${item.itemCode}」`, `${path}.items[${i}].itemCode`);
    if (!cat.agencies.has(item.receiverAgency)) return wireError('AGENCY_UNKNOWN', `接收機關「${item.receiverAgency}」`, `${path}.items[${i}].receiverAgency`);
  }
  return null;
}

/**
 * `POST /v1/progress/records` (issue 13, last finding): a workstation registers the progress record
 * and items of cases its office saved, so the citizen's lookup answers 已受理，待送出 per item before
 * any notification could leave the counter. Registering again answers `registered` again.
 */
export function registrationRoute(app: FastifyInstance, deps: PlatformDeps): void {
  const cat = indexCatalogue(deps.config.catalogue);
  registerEndpoint(app, deps, 'registerProgress', async ({ body }, ctx) => {
    const p = ctx.principal;
    if (p?.kind !== 'workstation') throw new PlatformFailure('FORBIDDEN');
    const results: RegisterProgressResult[] = [];
    const valid: ProgressRegistration[] = [];
    body.records.forEach((r, i) => {
      const problem = problemOf(r, p.officeCode, cat, `records[${i}]`);
      if (problem) results.push({ caseNo: r.caseNo, outcome: 'rejected', error: problem });
      else {
        valid.push(r);
        results.push({ caseNo: r.caseNo, outcome: 'registered' });
      }
    });
    ctx.note({ target: `office:${p.officeCode}` });
    if (valid.length > 0) {
      const at = deps.clock.now().toISOString();
      await deps.store.registerProgress(p.officeCode, valid, at, {
        at,
        actor: p.subject,
        action: 'progress.register',
        target: `office:${p.officeCode}`,
        detail: { requestId: ctx.requestId, cases: valid.length },
      });
    }
    return { results };
  });
}
