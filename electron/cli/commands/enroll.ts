import { AppFailure } from '../../../shared/result';
import { platformUrlProblem } from '../../services/platform-client/secureUrl';
import { enroll } from '../../services/sync/enroll';
import { loadWorkstationConfig } from '../../services/config/load';
import { need, UsageError, withApp, type Command } from '../command';

export const enrollCommand: Command = {
  name: 'enroll',
  usage: 'enroll     --db 檔案 [--platform 網址] --code 註冊碼 [--agency 機關代碼 [--client-id 代碼]]   以一次性註冊碼向平台註冊本工作站（或接收機關）',
  options: { db: { type: 'string' }, platform: { type: 'string' }, code: { type: 'string' }, agency: { type: 'string' }, 'client-id': { type: 'string' } },
  run: async (values) => {
    // The machine policy's platform.url is the default, so IT enrols with one command and no typing of the URL.
    const policyPlatform = loadWorkstationConfig().config.platform;
    const url = typeof values.platform === 'string' ? values.platform : (policyPlatform?.url ?? need(values, 'platform'));
    const code = need(values, 'code');
    // https, or plain http on loopback only: a token and citizens' data never cross a wire in clear.
    const problem = platformUrlProblem(url);
    if (problem) throw new UsageError(problem.message);
    const agency = typeof values.agency === 'string' ? values.agency : null;
    return withApp(values, async (app) => {
      const { config, clock, db } = app.ctx;
      if (agency && !app.ctx.catalogue.agencies.some((a) => a.code === agency)) {
        throw new AppFailure({ code: 'AGENCY_UNKNOWN', message: `服務目錄中沒有機關「${agency}」` });
      }
      const target = agency
        ? { kind: 'agency' as const, agencyCode: agency, clientId: typeof values['client-id'] === 'string' ? values['client-id'] : config.workstationId }
        : { kind: 'workstation' as const, officeCode: config.officeCode, workstationId: config.workstationId };
      const caFile = config.platform?.caFile ?? policyPlatform?.caFile;
      const credential = await enroll(db, { url, code, target, clock, ...(caFile ? { caFile } : {}) });
      const who = agency ? `接收機關 ${agency}（用戶端 ${credential.clientId}）` : `工作站 ${config.workstationId}（${config.officeCode}）`;
      console.log(`已向平台 ${credential.url} 註冊${who}，憑證有效至 ${credential.expiresAt}`);
      return 0;
    });
  },
};
