import { describe, expect, it } from 'vitest';
import { counterCli } from './testing/cli';

const { counter } = counterCli();

// Each call starts the CLI (tsx) afresh: seconds each on a loaded 2-core machine.
describe('route and agencies on the command line (issue 14 stable surfaces)', { timeout: 120_000 }, () => {
  it('finding 1: route --item N04 --address prints the land office of that address', async () => {
    const out = JSON.parse((await counter('route', '--item', 'N04', '--address', '高雄市岡山區岡山路100號', '--json')).stdout);
    expect(out).toMatchObject({ agency: 'KH-LAND-GANGSHAN', name: '高雄市政府地政局岡山地政事務所' });
  });

  it('finding 1: an address outside every area exits 2 with a zh-TW message', async () => {
    const failure = await counter('route', '--item', 'N04', '--address', '臺北市大安區羅斯福路四段1號', '--json').then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('不在任何地政機關的轄區內');
  });

  it('finding 1: agencies --json lists each agency with kind and service areas', async () => {
    const list = JSON.parse((await counter('agencies', '--json')).stdout) as { code: string; kind: string; serviceAreas: { city: string; districts?: string[] }[] }[];
    expect(list.find((a) => a.code === 'THB-KHC-MV')).toMatchObject({ kind: 'motor', serviceAreas: [{ city: '高雄市', districts: expect.arrayContaining(['苓雅區', '旗津區']) }] });
    expect(list.filter((a) => a.kind === 'township')).toHaveLength(38);
  });
});
