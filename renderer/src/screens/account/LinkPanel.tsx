/** This station's link as the account's own: its state in words, Link, and Unlink (asked first). */
import { useId, useState } from 'react';
import type { AccountStatus, ContractError } from '../../../../main/contract';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { t } from '../../i18n';
import { ErrorNote } from './ErrorNote';

interface Props {
  readonly status: AccountStatus;
  readonly onStatus: (s: AccountStatus) => void;
}

function linkWords(status: AccountStatus): string {
  const link = status.link;
  if (link === null) return status.canLink ? t('account.link.none') : t('account.link.cannot');
  if (link.refused) return t('account.link.refused');
  if (link.verified === true) return t('account.link.verified', { name: link.name });
  return t('account.link.waiting', { name: link.name });
}

export function LinkPanel({ status, onStatus }: Props): React.JSX.Element {
  const id = useId();
  const [working, setWorking] = useState(false);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<ContractError | undefined>(undefined);

  const run = async (name: 'account.linkStation' | 'account.unlinkStation'): Promise<void> => {
    setAsking(false);
    setWorking(true);
    const r = name === 'account.linkStation' ? await api.call(name, {}) : await api.call(name, null);
    setWorking(false);
    if (r.ok) {
      setError(undefined);
      onStatus(r.value);
    } else setError(r.error);
  };

  const link = status.link;
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="account-link">
      <h2 id={`${id}-h`}>{t('account.link.heading')}</h2>
      <p className="muted">{t('account.link.intro')}</p>
      <p role="status" data-testid="account-link-state" data-verified={link?.verified === true ? 'true' : undefined}>
        {linkWords(status)}
      </p>
      {link !== null && !link.connected && !link.refused && <p className="muted small">{t('account.link.down')}</p>}
      {link === null && status.canLink && (
        <button
          type="button"
          className="primary"
          onClick={() => void run('account.linkStation')}
          disabled={working}
          data-testid="account-link-button"
        >
          {working ? t('account.link.working') : t('account.link.button')}
        </button>
      )}
      {link !== null && (
        <button type="button" onClick={() => setAsking(true)} disabled={working} data-testid="account-unlink-button">
          {t('account.link.unlink')}
        </button>
      )}
      <ErrorNote error={error} />
      {asking && (
        <ConfirmDialog
          title={t('account.link.unlinkTitle')}
          body={t('account.link.unlinkBody')}
          confirmLabel={t('account.link.unlink')}
          danger
          onConfirm={() => void run('account.unlinkStation')}
          onCancel={() => setAsking(false)}
        />
      )}
    </section>
  );
}
