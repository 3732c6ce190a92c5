/**
 * Saves a file the browser way: a blob: link with a download name, clicked for the user. Works in
 * the browser host and in Electron (which then asks where to save); the CSP needs nothing.
 */
export function saveFile(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}
