import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * The three checks e2e/a11y.spec.ts runs on every screen (issue 16 §2): axe-core's WCAG 2.2 A/AA
 * rules (colour contrast included), the layout at 200 % zoom, and a Tab walk (no trap, a visible
 * focus ring of ≥3:1 on every stop). Findings are soft assertions, so one run lists every screen's.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** 1366×768 at 200 %: the CSS viewport a zoomed browser lays out (deviceScaleFactor only sharpens pixels). */
export const ZOOMED = { width: 683, height: 384 };
export const NORMAL = { width: 1280, height: 900 };

/** axe-core on the page as it is now; serious and critical findings fail. */
export async function audit(page: Page, screen: string): Promise<void> {
  const started = Date.now();
  const result = await new AxeBuilder({ page })
    .withTags(TAGS)
    // Chromium's PDF viewer is its own extension frame, not our markup.
    .exclude('iframe.pdf-frame')
    .options({ resultTypes: ['violations'] }) // passes and incompletes cost time nobody reads
    .analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  console.log(`[axe] ${screen} (${Date.now() - started} ms): ${bad.length === 0 ? '0 serious/critical' : `${bad.length}\n  ${bad.join('\n  ')}`}`);
  expect.soft(bad, `axe serious/critical on ${screen}`).toEqual([]);
}

/**
 * At 200 % zoom the page does not scroll sideways, the main area does not either, and no visible
 * control lies outside the window (a wide data table may scroll inside its own box: WCAG 1.4.10
 * exempts two-dimensional tables). The viewport is restored afterwards.
 */
export async function zoomCheck(page: Page, screen: string): Promise<void> {
  const before = page.viewportSize() ?? NORMAL;
  await page.setViewportSize(ZOOMED);
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const root = document.documentElement;
    const main = document.querySelector<HTMLElement>('main') ?? document.body;
    if (root.scrollWidth > root.clientWidth + 1) {
      // Name the widest culprits: the innermost elements reaching past the window.
      const wide = Array.from(document.querySelectorAll<HTMLElement>('main *'))
        .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1 && !Array.from(e.children).some((c) => c.getBoundingClientRect().right > root.clientWidth + 1))
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
      out.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth} (${wide.join(', ')})`);
    }
    if (main.scrollWidth > main.clientWidth + 1) out.push(`main scrolls sideways: ${main.scrollWidth} > ${main.clientWidth}`);
    const ownScroller = (el: HTMLElement): HTMLElement | null => {
      for (let p = el.parentElement; p && p !== main; p = p.parentElement) if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return p;
      return null;
    };
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('input, select, textarea, button, a[href], [tabindex]'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('[hidden], .sr-only') || ownScroller(el)) continue;
      if (r.left < -1 || r.right > root.clientWidth + 1) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 24);
        out.push(`clipped ${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${name}" at x ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
    }
    return out;
  });
  console.log(`[zoom] ${screen}: ${problems.length === 0 ? 'fits' : `\n  ${problems.slice(0, 8).join('\n  ')}`}`);
  expect.soft(problems, `200 % zoom on ${screen}`).toEqual([]);
  await page.setViewportSize(before);
}

/** One Tab stop; `same`: still the element of the previous stop. */
type Stop = { what: string; ring: number | null; segmented: boolean; same: boolean };

/**
 * Tab through the page (up to `max` stops): focus must move on each press (no trap) and each stop
 * must show a focus indicator — outline, box-shadow or the focus fill — of ≥3:1 against the
 * background behind it. Focus goes back to where it was, so a keyboard flow can carry on.
 */
export async function keyboardWalk(page: Page, screen: string, max = 30): Promise<void> {
  await page.evaluate(() => {
    document.activeElement?.setAttribute('data-a11y-return', '');
    // Start from the top of the page: Tab goes on from the last focused element, so focus a
    // throwaway element before everything else (removed after the first Tab).
    const start = document.createElement('span');
    start.tabIndex = -1;
    start.id = 'a11y-walk-start';
    document.body.prepend(start);
    start.focus();
    (window as unknown as { a11yLastStop?: Element | null }).a11yLastStop = start;
  });
  const stops: Stop[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(focusStop);
    if (stop.what === 'body') break; // past the last stop: the browser's own UI is next
    stops.push(stop);
  }
  await page.evaluate(() => {
    const back = document.querySelector<HTMLElement>('[data-a11y-return]');
    back?.removeAttribute('data-a11y-return');
    back?.focus();
  });
  const problems: string[] = [];
  // Inside an embedded document (Chromium's PDF viewer on the print preview) Tab walks that
  // viewer's own controls while the page sees only the frame: no trap as long as Tab comes out.
  const embedded = (s: Stop) => s.what.startsWith('iframe');
  if (stops.length === max && stops.slice(-5).every(embedded)) problems.push(`focus trapped in ${stops.at(-1)!.what}`);
  stops.filter((s) => !embedded(s)).forEach((s) => {
    // A date field takes three Tabs (year, month, day segments) without being a trap.
    if (s.same && !s.segmented) problems.push(`focus stuck on ${s.what}`);
    if (s.ring === null || s.ring < 3) problems.push(`focus ring ${s.ring === null ? 'missing' : `${s.ring.toFixed(2)}:1`} on ${s.what}`);
  });
  console.log(`[keys] ${screen}: ${stops.length} stops${problems.length ? `\n  ${problems.slice(0, 8).join('\n  ')}` : ', every ring ≥3:1'}`);
  expect.soft(problems, `keyboard on ${screen}`).toEqual([]);
}

/** Runs in the page: the focused element and the best contrast its focus indicator has against what is behind it. */
async function focusStop(): Promise<Stop> {
  // A frame first: leaving a date field's last segment moves focus a moment after the key.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  document.getElementById('a11y-walk-start')?.remove(); // the walk's starting point, after the first Tab
  const el = document.activeElement as HTMLElement | null;
  const memory = window as unknown as { a11yLastStop?: Element | null };
  const same = el === memory.a11yLastStop;
  memory.a11yLastStop = el;
  if (!el || el === document.body) return { what: 'body', ring: null, segmented: false, same };
  const label = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
  let what = `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `:${el.getAttribute('type')}` : ''}${el.id ? `#${el.id}` : ''}[${label.trim().slice(0, 20)}]`;
  const rgba = (c: string): [number, number, number, number] | null => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = '1'] = m[1]!.split(/[\s,/]+/).filter(Boolean);
    return [Number(r), Number(g), Number(b), Number(a)];
  };
  const lum = ([r, g, b]: number[]) => {
    const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
  };
  const ratio = (a: number[], b: number[]) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };
  let behind: number[] = [255, 255, 255];
  for (let p = el.parentElement; p; p = p.parentElement) {
    const c = rgba(getComputedStyle(p).backgroundColor);
    if (c && c[3] > 0.5) {
      behind = c;
      break;
    }
  }
  const s = getComputedStyle(el);
  const colours: number[][] = [];
  if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) {
    const c = rgba(s.outlineColor);
    if (c && c[3] > 0.5) colours.push(c);
  }
  if (s.boxShadow !== 'none') for (const m of s.boxShadow.matchAll(/rgba?\([^)]+\)/g)) colours.push(rgba(m[0])!);
  const fill = rgba(s.backgroundColor);
  const focusFill = rgba(getComputedStyle(document.documentElement).getPropertyValue('--focus').trim().replace(/^#(..)(..)(..)$/, (_m, r: string, g: string, b: string) => `rgb(${parseInt(r, 16)}, ${parseInt(g, 16)}, ${parseInt(b, 16)})`));
  if (fill && focusFill && fill.slice(0, 3).join() === focusFill.slice(0, 3).join()) colours.push(fill);
  const ring = colours.length ? Math.max(...colours.map((c) => ratio(c, behind))) : null;
  if (ring === null) what += ` (outline ${s.outlineStyle} ${s.outlineWidth}, shadow ${s.boxShadow}, :focus ${el.matches(':focus')})`;
  return { what, ring, segmented: el instanceof HTMLInputElement && ['date', 'time', 'datetime-local', 'month'].includes(el.type), same };
}
