import { useEffect } from 'react';
import { AppHeader } from './components/AppHeader';
import { BootError } from './components/BootError';
import { ConfirmDialog } from './components/ConfirmDialog';
import { KeyLegend } from './components/KeyLegend';
import { StatusBar } from './components/StatusBar';
import { SyncStrip } from './components/SyncStrip';
import { Toasts } from './components/Toasts';
import { useGlobalKeys } from './keyboard/useGlobalKeys';
import { AuditCheckScreen } from './screens/AuditCheckScreen';
import { CaseDetailScreen } from './screens/CaseDetailScreen';
import { HomeScreen } from './screens/HomeScreen';
import { InboxScreen } from './screens/InboxScreen';
import { isAgencyUser } from './lib/roles';
import { LockScreen } from './screens/LockScreen';
import { LoginScreen } from './screens/LoginScreen';
import { PrintPreviewScreen } from './screens/PrintPreviewScreen';
import { ScanningScreen } from './screens/scanning/ScanningScreen';
import { WizardScreen } from './screens/wizard/WizardScreen';
import { StatsScreen } from './screens/stats/StatsScreen';
import { OverdueScreen } from './screens/OverdueScreen';
import { AccountsScreen } from './screens/admin/AccountsScreen';
import { useRoute, type Route } from './stores/route';
import { useSession } from './stores/session';

function Screen({ route }: { route: Route }) {
  const user = useSession((s) => s.user);
  switch (route.screen) {
    case 'login':
      return <LoginScreen />;
    case 'home':
      // A receiving agency's clerk works from the agency inbox; the counter queue is not theirs.
      return isAgencyUser(user) ? <InboxScreen /> : <HomeScreen />;
    case 'wizard':
      return <WizardScreen />;
    case 'print':
      return <PrintPreviewScreen key={route.caseNo} caseNo={route.caseNo} fresh={route.fresh} />;
    case 'case':
      return <CaseDetailScreen key={route.caseNo} caseNo={route.caseNo} />;
    case 'audit':
      return <AuditCheckScreen />;
    case 'scanning':
      return <ScanningScreen />;
    case 'stats':
      return <StatsScreen />;
    case 'overdue':
      return <OverdueScreen />;
    case 'accounts':
      return <AccountsScreen />;
  }
}

export function App() {
  const route = useRoute((s) => s.route);
  const info = useSession((s) => s.info);
  const user = useSession((s) => s.user);
  const bootError = useSession((s) => s.bootError);
  const locked = useSession((s) => s.locked);
  const boot = useSession((s) => s.boot);
  useGlobalKeys();

  useEffect(() => {
    void boot();
  }, [boot]);

  return (
    <div className="app">
      <AppHeader />
      <main className="app-main">
        {bootError ? <BootError error={bootError} /> : info ? locked ? <LockScreen /> : <Screen route={route} /> : <p className="empty">連線中…</p>}
      </main>
      {/* One sticky footer: the key legend, the sync strip and the status bar stack without overlapping. */}
      <div className="app-footer">
        <KeyLegend screen={route.screen === 'home' && isAgencyUser(user) ? 'inbox' : route.screen} />
        <SyncStrip />
        <StatusBar />
      </div>
      <Toasts />
      <ConfirmDialog />
    </div>
  );
}
