/** Who is signed in, how sync is doing, and Log out (asked first). */
import { useId, useState } from 'react';
import type { AccountStatus, ContractError } from '../../../../main/contract';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { t, tn } from '../../i18n';
import { ErrorNote } from './ErrorNote';

interface Props {
  readonly status: AccountStatus;
  readonly onStatus: (s: AccountStatus) => void;
}

export function SessionPanel({ status, onStatus }: Props): React.JSX.Element {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<ContractError | undefined>(undefined);

  const logout = async (): Promise<void> => {
    setAsking(false);
    const r = await api.call('account.logout', null);
    if (r.ok) onStatus(r.value);
    else setError(r.error);
  };

  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="account-session">
      <div className="panel-head">
        <h2 id={`${id}-h`}>{t('account.session.heading')}</h2>
        <button type="button" onClick={() => setAsking(true)} data-testid="account-logout">
          {t('account.logout')}
        </button>
      </div>
      <p data-testid="account-number-shown">{t('account.session.as', { number: status.number ?? '' })}</p>
      <p role="status" className={status.sync === 'offline' ? 'error' : 'muted'} data-testid="account-sync">
        {t(`account.sync.${status.sync}`)}
      </p>
      {status.sync === 'offline' && status.reason !== null && (
        <p className="muted small">{t('account.sync.reason', { reason: status.reason })}</p>
      )}
      {status.pendingSends > 0 && <p className="muted small">{tn('account.sync.pending', status.pendingSends)}</p>}
      {!status.keepsSession && <p className="muted small">{t('account.login.noKeychain')}</p>}
      <ErrorNote error={error} />
      {asking && (
        <ConfirmDialog
          title={t('account.logout.title')}
          body={t('account.logout.body')}
          confirmLabel={t('account.logout')}
          danger
          onConfirm={() => void logout()}
          onCancel={() => setAsking(false)}
        />
      )}
    </section>
  );
}
