const STORAGE_KEY = 'nin1.launchToken';

/**
 * The browser host prints a URL with `#token=…`. Read it once, keep it for this tab only
 * (sessionStorage survives a reload but not a new tab), and take it out of the address bar so it
 * does not end up in screenshots, history or a bookmark.
 */
export function takeLaunchToken(): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(STORAGE_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    return fromUrl;
  }
  return sessionStorage.getItem(STORAGE_KEY);
}
