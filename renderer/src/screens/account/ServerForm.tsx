/** The mailbox server's address: typed once, kept by the core; fixed while signed in. */
import { useId, useState } from 'react';
import type { AccountStatus, ContractError } from '../../../../main/contract';
import { api } from '../../api';
import { t } from '../../i18n';
import { ErrorNote } from './ErrorNote';

interface Props {
  readonly status: AccountStatus;
  readonly onStatus: (s: AccountStatus) => void;
}

export function ServerForm({ status, onStatus }: Props): React.JSX.Element {
  const id = useId();
  const [url, setUrl] = useState(status.server ?? '');
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const [working, setWorking] = useState(false);
  const locked = status.state !== 'signed-out';

  const save = async (): Promise<void> => {
    setWorking(true);
    setSaved(false);
    const r = await api.call('account.setServer', { url });
    setWorking(false);
    if (r.ok) {
      setError(undefined);
      setSaved(true);
      setUrl(r.value.server ?? url);
      onStatus(r.value);
    } else {
      setError(r.error);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="account-server">
      <h2 id={`${id}-h`}>{t('account.server.heading')}</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!working && !locked) void save();
        }}
      >
        <div className="field grow">
          <label htmlFor={`${id}-url`}>{t('account.server.label')}</label>
          <input
            id={`${id}-url`}
            type="url"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            value={url}
            onChange={(e) => {
              setUrl(e.target.value);
              setSaved(false);
            }}
            readOnly={locked}
            aria-describedby={`${id}-hint`}
            aria-invalid={error !== undefined}
            data-testid="account-server-url"
          />
          <span id={`${id}-hint`} className="muted small">
            {locked ? t('account.server.locked') : t('account.server.hint')}
          </span>
        </div>
        {!locked && (
          <button type="submit" disabled={working} data-testid="account-server-save">
            {t('account.server.save')}
          </button>
        )}
      </form>
      <p role="status" className="muted small">
        {saved && !locked ? t('account.server.saved') : ''}
      </p>
      <ErrorNote error={error} />
    </section>
  );
}
