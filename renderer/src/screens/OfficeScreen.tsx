/**
 * The Office screen: bulk sends (a CSV list or a contact group, mail-merge preview, live
 * progress with pause, resume and cancel), the automatic answers (rules), and the outbox with
 * retry and cancel. Three tabs (ARIA tabs pattern: arrows, Home and End move between them).
 */
import { useId, useRef, useState } from 'react';
import { t } from '../i18n';
import { BulkPanel } from './office/BulkPanel';
import { OutboxPanel } from './office/OutboxPanel';
import { RulesPanel } from './office/RulesPanel';

const TABS = ['bulk', 'rules', 'outbox'] as const;
type Tab = (typeof TABS)[number];

export function OfficeScreen(): React.JSX.Element {
  const id = useId();
  const [tab, setTab] = useState<Tab>('bulk');
  const buttons = useRef(new Map<Tab, HTMLButtonElement>());

  const go = (next: Tab): void => {
    setTab(next);
    buttons.current.get(next)?.focus();
  };
  const onKeyDown = (e: React.KeyboardEvent): void => {
    const i = TABS.indexOf(tab);
    const to =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : e.key === 'Home'
            ? TABS[0]
            : e.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!to) return;
    e.preventDefault();
    go(to);
  };

  return (
    <main className="office-screen" aria-labelledby={`${id}-title`}>
      <header className="screen-head">
        <h1 id={`${id}-title`}>{t('office.heading')}</h1>
      </header>
      <div role="tablist" aria-label={t('office.tabs')} className="office-tabs" onKeyDown={onKeyDown}>
        {TABS.map((name) => (
          <button
            key={name}
            ref={(el) => {
              if (el) buttons.current.set(name, el);
              else buttons.current.delete(name);
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`${id}-panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
            data-testid={`office-tab-${name}`}
          >
            {t(`office.tab.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel-${tab}`} aria-labelledby={`${id}-tab-${tab}`} className="office-panel">
        {tab === 'bulk' && <BulkPanel />}
        {tab === 'rules' && <RulesPanel />}
        {tab === 'outbox' && <OutboxPanel />}
      </div>
    </main>
  );
}
