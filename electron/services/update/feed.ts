import { parseUpdateInfo } from 'electron-updater/out/providers/Provider.js';
import { AppFailure } from '../../../shared/result';
import { z } from '../../../shared/zod';
import { parseVersion } from './version';

/**
 * One release as described by electron-builder's `latest.yml` / `latest-linux.yml` in the generic
 * feed folder. Parsed by electron-updater's own parser (so we read it exactly as the updater will),
 * then checked strictly: an entry without a sha512 cannot be verified and is refused.
 */
export const FeedFile = z.object({
  url: z.string().min(1),
  sha512: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'sha512 須為 base64 編碼的 SHA-512'),
  size: z.number().int().positive().optional(),
});

export const UpdateFeed = z.object({
  version: z.string().refine((v) => parseVersion(v) !== null, '版本號不是有效的 SemVer'),
  files: z.array(FeedFile).min(1, '沒有任何安裝檔'),
  releaseDate: z.string().optional(),
  stagingPercentage: z.number().min(0).max(100).optional(),
});
export type UpdateFeed = z.infer<typeof UpdateFeed>;

export type FeedPlatform = 'win32' | 'linux';

/** electron-builder's channel file names: `latest.yml` on Windows, `latest-linux.yml` on Linux, `beta…` for beta. */
export const channelFile = (channel: 'stable' | 'beta', platform: FeedPlatform): string =>
  `${channel === 'stable' ? 'latest' : 'beta'}${platform === 'linux' ? '-linux' : ''}.yml`;

export function parseFeed(yaml: string, feedUrl: string): UpdateFeed {
  let raw: unknown;
  try {
    raw = parseUpdateInfo(yaml, feedUrl.split('/').pop() ?? 'latest.yml', new URL(feedUrl));
  } catch {
    throw new AppFailure({ code: 'UPDATE_FEED_INVALID', message: `更新資訊檔「${feedUrl}」不是有效的 YAML` });
  }
  const parsed = UpdateFeed.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new AppFailure({ code: 'UPDATE_FEED_INVALID', message: `更新資訊檔「${feedUrl}」欄位 ${i.path.join('.') || '（整份）'}：${i.message}` });
  }
  return parsed.data;
}
