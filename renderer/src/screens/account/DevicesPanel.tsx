/** The account's devices; any of them can be logged out (asked first). */
import { useEffect, useId, useState } from 'react';
import type { AccountDevice, ContractError } from '../../../../main/contract';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatTime, t } from '../../i18n';
import { ErrorNote } from './ErrorNote';

const WHEN: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

export function DevicesPanel(): React.JSX.Element {
  const id = useId();
  const [devices, setDevices] = useState<AccountDevice[] | undefined>(undefined);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [asking, setAsking] = useState<AccountDevice | undefined>(undefined);

  useEffect(() => {
    let live = true;
    void api.call('account.devices', null).then((r) => {
      if (!live) return;
      if (r.ok) setDevices(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, []);

  const revoke = async (device: AccountDevice): Promise<void> => {
    setAsking(undefined);
    const r = await api.call('account.revokeDevice', { id: device.id });
    if (r.ok) {
      setError(undefined);
      setDevices(r.value);
    } else setError(r.error);
  };

  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="account-devices">
      <h2 id={`${id}-h`}>{t('account.devices.heading')}</h2>
      {devices === undefined && error === undefined && <p className="muted">{t('account.devices.loading')}</p>}
      {devices !== undefined && (
        <ul className="account-list" aria-label={t('account.devices.label')}>
          {devices.map((d) => (
            <li key={d.id} data-testid="account-device">
              <div>
                <span className="account-item-name">{d.name}</span>
                {d.current && <span className="state-badge account-current">{t('account.devices.current')}</span>}
                <p className="muted small">{t('account.devices.lastSeen', { when: formatTime(d.lastSeenAt, WHEN) })}</p>
              </div>
              <button type="button" aria-label={t('account.devices.revoke', { name: d.name })} onClick={() => setAsking(d)}>
                {t('account.devices.revokeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={error} />
      {asking && (
        <ConfirmDialog
          title={t('account.devices.revokeTitle')}
          body={asking.current ? t('account.devices.revokeSelfBody') : t('account.devices.revokeBody')}
          detail={asking.name}
          confirmLabel={t('account.devices.revokeShort')}
          danger
          onConfirm={() => void revoke(asking)}
          onCancel={() => setAsking(undefined)}
        />
      )}
    </section>
  );
}
