import { useEffect } from 'react';
import { AppHeader } from './components/AppHeader';
import { BootError } from './components/BootError';
import { ConfirmDialog } from './components/ConfirmDialog';
import { KeyLegend } from './components/KeyLegend';
import { StatusBar } from './components/StatusBar';
import { Toasts } from './components/Toasts';
import { useGlobalKeys } from './keyboard/useGlobalKeys';
import { CaseDetailScreen } from './screens/CaseDetailScreen';
import { HomeScreen } from './screens/HomeScreen';
import { LoginScreen } from './screens/LoginScreen';
import { PrintPreviewScreen } from './screens/PrintPreviewScreen';
import { WizardScreen } from './screens/wizard/WizardScreen';
import { useRoute, type Route } from './stores/route';
import { useSession } from './stores/session';

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'login':
      return <LoginScreen />;
    case 'home':
      return <HomeScreen />;
    case 'wizard':
      return <WizardScreen />;
    case 'print':
      return <PrintPreviewScreen key={route.caseNo} caseNo={route.caseNo} fresh={route.fresh} />;
    case 'case':
      return <CaseDetailScreen key={route.caseNo} caseNo={route.caseNo} />;
  }
}

export function App() {
  const route = useRoute((s) => s.route);
  const info = useSession((s) => s.info);
  const bootError = useSession((s) => s.bootError);
  const boot = useSession((s) => s.boot);
  useGlobalKeys();

  useEffect(() => {
    void boot();
  }, [boot]);

  return (
    <div className="app">
      <AppHeader />
      <main className="app-main">
        {bootError ? <BootError error={bootError} /> : info ? <Screen route={route} /> : <p className="empty">連線中…</p>}
      </main>
      <KeyLegend screen={route.screen} />
      <StatusBar />
      <Toasts />
      <ConfirmDialog />
    </div>
  );
}
