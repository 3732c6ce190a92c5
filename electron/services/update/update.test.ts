import { describe, expect, it } from 'vitest';
import type { UpdatePolicy } from '../../../shared/policy/schema';
import { decideUpdate, mayInstallNow } from './decide';
import { classifyUpdateError } from './failures';
import { channelFile, parseFeed, type UpdateFeed } from './feed';
import { inRollout, rolloutBucket } from './rollout';
import { emptyUpdateState, readUpdateState, recordFailure, writeUpdateState } from './state';
import { compareVersions, parseVersion } from './version';
import { tempDir } from '../testing/fixtures';

const SHA = `${'A'.repeat(86)}==`;
/** latest.yml exactly as electron-builder 26 writes it for an NSIS build (with a staging percentage added by IT). */
const LATEST_YML = `version: 0.2.0
files:
  - url: NIN1-Counter-0.2.0-setup.exe
    sha512: ${SHA}
    size: 98765432
path: NIN1-Counter-0.2.0-setup.exe
sha512: ${SHA}
releaseDate: '2026-12-01T02:00:00.000Z'
stagingPercentage: 25
`;
const FEED_URL = 'https://nin1.kcg.gov.tw/updates/latest.yml';
const POLICY: UpdatePolicy = { enabled: true, channel: 'stable', url: 'https://nin1.kcg.gov.tw/updates/', checkEveryHours: 4 };
const feed = (over: Partial<UpdateFeed> = {}): UpdateFeed => ({ ...parseFeed(LATEST_YML, FEED_URL), ...over });

describe('versions (SemVer precedence)', () => {
  const cmp = (a: string, b: string) => Math.sign(compareVersions(parseVersion(a)!, parseVersion(b)!));
  it.each([
    ['0.2.0', '0.1.9', 1],
    ['0.10.0', '0.9.0', 1],
    ['1.0.0', '1.0.0-beta.2', 1],
    ['1.0.0-beta.10', '1.0.0-beta.2', 1],
    ['1.0.0-beta', '1.0.0-alpha.5', 1],
    ['1.0.0-1', '1.0.0-alpha', -1],
    ['1.0.0+build.7', '1.0.0', 0],
  ])('%s vs %s → %i', (a, b, expected) => expect(cmp(a, b)).toBe(expected));
  it('refuses what is not a version', () => {
    for (const v of ['1.0', '01.0.0', 'latest', '1.0.0-', '']) expect(parseVersion(v)).toBeNull();
  });
});

describe('feed (latest.yml)', () => {
  it('reads electron-builder’s file through electron-updater’s own parser', () => {
    const f = parseFeed(LATEST_YML, FEED_URL);
    expect(f).toMatchObject({ version: '0.2.0', stagingPercentage: 25, files: [{ url: 'NIN1-Counter-0.2.0-setup.exe', sha512: SHA, size: 98765432 }] });
  });
  it('refuses a release it could not verify, and garbage', () => {
    expect(() => parseFeed(LATEST_YML.replace(/ {4}sha512: .*\n/, ''), FEED_URL)).toThrow(/files\.0\.sha512/);
    expect(() => parseFeed('version: banana\nfiles: []\n', FEED_URL)).toThrow(/UPDATE_FEED_INVALID|version|SemVer/);
    expect(() => parseFeed(': : :\n\t- [', FEED_URL)).toThrow(/不是有效的 YAML/);
  });
  it('names the channel files like electron-builder', () => {
    expect(channelFile('stable', 'win32')).toBe('latest.yml');
    expect(channelFile('stable', 'linux')).toBe('latest-linux.yml');
    expect(channelFile('beta', 'linux')).toBe('beta-linux.yml');
  });
});

describe('staged rollout', () => {
  it('gives each workstation a stable bucket, spread over 0–100', () => {
    expect(rolloutBucket('FS01', 'FS01-W01')).toBe(rolloutBucket('FS01', 'FS01-W01'));
    const buckets = Array.from({ length: 400 }, (_, i) => rolloutBucket('FS01', `FS01-W${i}`));
    const share = buckets.filter((b) => inRollout(b, 25)).length / buckets.length;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.33);
    expect(buckets.every((b) => b >= 0 && b < 100)).toBe(true);
  });
  it('no percentage = everyone; 0 = nobody', () => {
    expect(inRollout(99.9, undefined)).toBe(true);
    expect(inRollout(0, 0)).toBe(false);
  });
});

describe('update decision', () => {
  const base = { current: '0.1.0', policy: POLICY, bucket: 10, blocked: [] as string[] };
  it('downloads a newer release when this workstation is in the rollout', () => {
    expect(decideUpdate({ ...base, feed: feed() })).toEqual({ action: 'download', version: '0.2.0' });
  });
  it.each([
    ['outside the rollout', { bucket: 60 }, {}, /outside staged rollout/],
    ['same version', { current: '0.2.0' }, {}, /not newer/],
    ['a downgrade', { current: '0.3.0' }, {}, /not newer/],
    ['a version that failed verification', { blocked: ['0.2.0'] }, {}, /failed verification/],
    ['a pre-release on stable', {}, { version: '0.3.0-beta.1' }, /pre-release/],
    ['updates disabled', { policy: { ...POLICY, enabled: false } }, {}, /disabled/],
    ['no policy', { policy: undefined }, {}, /no update policy/],
  ])('skips %s', (_n, over, feedOver, reason) => {
    const d = decideUpdate({ ...base, ...over, feed: feed(feedOver) });
    expect(d.action).toBe('skip');
    expect(d.action === 'skip' && d.reason).toMatch(reason);
  });
  it('takes a pre-release on the beta channel', () => {
    expect(decideUpdate({ ...base, policy: { ...POLICY, channel: 'beta' }, feed: feed({ version: '0.3.0-beta.1' }) }).action).toBe('download');
  });
  it('never installs while a case is open', () => {
    expect(mayInstallNow(true)).toBe(false);
    expect(mayInstallNow(false)).toBe(true);
  });
});

describe('failed updates', () => {
  it('a bad signature blocks that version and keeps the installed one', () => {
    const f = classifyUpdateError({ code: 'ERR_UPDATER_INVALID_SIGNATURE', message: 'New version 0.2.0 is not signed by the application owner: publisherNames: 高雄市政府' });
    expect(f).toMatchObject({ kind: 'signature', blockVersion: true });
    expect(f.message).toContain('目前版本照常使用');
    const state = recordFailure(emptyUpdateState(), f, '0.2.0', new Date('2026-12-01T00:00:00Z'));
    expect(state.blocked).toEqual(['0.2.0']);
    expect(state.nextCheckAfter).toBe('2026-12-02T00:00:00.000Z');
    expect(decideUpdate({ current: '0.1.0', feed: feed(), policy: POLICY, bucket: 1, blocked: state.blocked }).action).toBe('skip');
  });
  it('a checksum mismatch blocks too; network trouble only waits', () => {
    expect(classifyUpdateError({ message: 'sha512 checksum mismatch, expected X, got Y' })).toMatchObject({ kind: 'checksum', blockVersion: true });
    expect(classifyUpdateError({ message: 'net::ERR_CONNECTION_REFUSED' })).toMatchObject({ kind: 'network', blockVersion: false });
    expect(classifyUpdateError({ code: 'ERR_UPDATER_INVALID_UPDATE_INFO' })).toMatchObject({ kind: 'feed', blockVersion: false });
  });
  it('remembers failures across restarts and survives a damaged state file', () => {
    const tmp = tempDir('nin1-upd-');
    const file = tmp.file('update-state.json');
    expect(readUpdateState(file)).toEqual(emptyUpdateState());
    writeUpdateState(file, recordFailure(emptyUpdateState(), classifyUpdateError({ code: 'ERR_UPDATER_INVALID_SIGNATURE' }), '0.2.0', new Date()));
    expect(readUpdateState(file).blocked).toEqual(['0.2.0']);
    tmp.cleanup();
  });
});
