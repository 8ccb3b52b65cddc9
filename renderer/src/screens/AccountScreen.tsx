/**
 * The Account screen: the mailbox server, login by number + code, and once signed in, the
 * session and sync state, the account's devices, this station's link, and SMS notices.
 */
import { t } from '../i18n';
import { DevicesPanel } from './account/DevicesPanel';
import { LinkPanel } from './account/LinkPanel';
import { LoginForm } from './account/LoginForm';
import { RulesPanel } from './account/RulesPanel';
import { ServerForm } from './account/ServerForm';
import { SessionPanel } from './account/SessionPanel';
import { useAccount } from './account/useAccount';

export function AccountScreen(): React.JSX.Element {
  const { status, update } = useAccount();
  const signedIn = status !== undefined && status.state !== 'signed-out';
  return (
    <main className="account-screen" aria-labelledby="account-title" data-testid="account-screen">
      <header className="screen-head">
        <h1 id="account-title">{t('account.heading')}</h1>
        <p className="muted">{t('account.intro')}</p>
      </header>
      {status === undefined && <p className="muted">{t('account.loading')}</p>}
      {status !== undefined && (
        <>
          <ServerForm status={status} onStatus={update} />
          {!signedIn && status.reason !== null && (
            <p className="error" role="status">
              {t('account.session.ended', { reason: status.reason })}
            </p>
          )}
          {!signedIn && status.server === null && <p className="muted">{t('account.server.none')}</p>}
          {!signedIn && status.server !== null && <LoginForm status={status} onStatus={update} />}
          {signedIn && (
            // Keyed by number: a new login loads its own devices and rules.
            <div className="account-grid" key={status.number}>
              <SessionPanel status={status} onStatus={update} />
              <DevicesPanel />
              <LinkPanel status={status} onStatus={update} />
              <RulesPanel />
            </div>
          )}
        </>
      )}
    </main>
  );
}
