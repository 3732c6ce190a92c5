import { useEffect, useRef, useState } from 'react';
import { mayCall } from '../../../../shared/auth/permissions';
import { go } from '../../stores/route';
import { useSession } from '../../stores/session';
import { useAccounts } from '../../stores/accounts';
import { UsersPanel } from './UsersPanel';
import { GroupsPanel } from './GroupsPanel';
import { ChangeLogPanel } from './ChangeLogPanel';
import { MatrixPanel } from './MatrixPanel';
import { SettingsPanel } from './SettingsPanel';
import '../../styles/admin.css';

type Tab = 'users' | 'groups' | 'log' | 'matrix' | 'settings';
const TABS: { key: Tab; label: string }[] = [
  { key: 'users', label: '帳號' },
  { key: 'groups', label: '使用者群組' },
  { key: 'log', label: '異動紀錄' },
  { key: 'matrix', label: '權限矩陣' },
  { key: 'settings', label: '機關設定' },
];

/**
 * 帳號與權限管理 (issue 7): accounts, groups, certificate enrolment, the change logs and the
 * permission matrix. What the caller may do is decided by the services (every call is checked and
 * audited there); this screen only hides what the role could never use.
 */
export function AccountsScreen() {
  const role = useSession((s) => s.user?.role ?? null);
  const [tab, setTab] = useState<Tab>('users');
  const load = useAccounts((s) => s.load);
  const error = useAccounts((s) => s.error);
  const firstTab = useRef<HTMLButtonElement>(null);
  const groupsAllowed = mayCall(role, 'groups.list');
  const settingsAllowed = mayCall(role, 'admin.config');

  useEffect(() => {
    void load(groupsAllowed);
    firstTab.current?.focus();
  }, [load, groupsAllowed]);

  const tabs = TABS.filter((t) => (t.key === 'groups' ? groupsAllowed : t.key === 'settings' ? settingsAllowed : true));
  return (
    <div className="home admin">
      <div className="home__top">
        <h1 className="page-title">帳號與權限管理</h1>
        <button type="button" className="button" onClick={() => go({ screen: 'home' })}>
          回首頁 <kbd>Esc</kbd>
        </button>
      </div>
      <div className="admin__tabs" role="tablist" aria-label="管理項目">
        {tabs.map((t, i) => (
          <button
            key={t.key}
            ref={i === 0 ? firstTab : undefined}
            type="button"
            role="tab"
            id={`admin-tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`admin-panel-${t.key}`}
            className={`admin__tab${tab === t.key ? ' admin__tab--on' : ''}`}
            onClick={() => setTab(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <section role="tabpanel" id={`admin-panel-${tab}`} aria-labelledby={`admin-tab-${tab}`}>
        {tab === 'users' && <UsersPanel />}
        {tab === 'groups' && <GroupsPanel />}
        {tab === 'log' && <ChangeLogPanel />}
        {tab === 'matrix' && <MatrixPanel />}
        {tab === 'settings' && <SettingsPanel />}
      </section>
    </div>
  );
}
