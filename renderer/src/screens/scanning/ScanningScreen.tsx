import { useEffect, useState } from 'react';
import type { ScanPageView } from '../../../../shared/contract/scanningApi';
import { isComposing } from '../../keyboard/focus';
import { go } from '../../stores/route';
import { useScanning } from '../../stores/scanning';
import { toast } from '../../stores/toasts';
import { PageViewer } from './PageViewer';
import { ScanControls } from './ScanControls';
import { ScanProgress } from './ScanProgress';
import { ThumbStrip } from './ThumbStrip';
import { UnmatchedTray } from './UnmatchedTray';

/**
 * 掃描歸檔 — the scanning clerk's screen at day's end: pick the source and profile, feed the
 * stack (F9), watch each page land on its case, stop with Esc, then clear the unmatched tray.
 */
export function ScanningScreen() {
  const load = useScanning((s) => s.load);
  const leave = useScanning((s) => s.leave);
  const session = useScanning((s) => s.session);
  const start = useScanning((s) => s.start);
  const stop = useScanning((s) => s.stop);
  const [viewing, setViewing] = useState<ScanPageView | null>(null);
  const running = session !== null && (session.state === 'scanning' || session.state === 'finishing');

  useEffect(() => {
    void load();
    return leave;
  }, [load, leave]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Not `defaultPrevented`: the app-wide handler always claims F9 (browser meaning suppressed).
      if (isComposing(e) || viewing) return;
      if (e.key === 'F9') {
        e.preventDefault();
        if (!running) void start();
      } else if (e.key === 'Escape') {
        const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
        if (!running && typing) return; // Esc in the tray's search box is not "leave the screen"
        e.preventDefault();
        if (running) void stop();
        else go({ screen: 'home', focus: 'search' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running, start, stop, viewing]);

  const rescan = (page: ScanPageView) => {
    setViewing(null);
    if (!page.caseNo) return;
    toast.info(`請把這一頁放上掃描器，重掃後歸入 ${page.caseNo}`);
    void start({ caseNo: page.caseNo, ...(page.formPage ? { formPage: page.formPage } : {}) });
  };

  return (
    <div className="scanning">
      <h1 className="page-title">掃描歸檔</h1>
      <ScanControls running={running} />
      <section className="card" aria-labelledby="scan-pages-title">
        <h2 id="scan-pages-title" className="card__title">
          本批頁面
        </h2>
        {session && <ScanProgress session={session} />}
        <ThumbStrip pages={session?.pages ?? []} onOpen={setViewing} />
      </section>
      <UnmatchedTray />
      {viewing && <PageViewer page={viewing} onClose={() => setViewing(null)} onRescan={rescan} />}
    </div>
  );
}
