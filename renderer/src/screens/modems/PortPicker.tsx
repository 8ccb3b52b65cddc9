/**
 * The serial ports of this machine (autodetected by the core through the OS serial binding)
 * and the demo's virtual ports, each with the modem on it. "Look for modems" probes the free
 * ports now; choosing a port that holds a modem shows that modem above.
 */
import { useEffect, useId, useState } from 'react';
import type { ModemSummary, PortList } from '../../../../main/contract';
import { api } from '../../api';
import { t } from '../../i18n';
import { modemName } from './format';

interface Props {
  readonly modems: readonly ModemSummary[];
  readonly selectedId: string | undefined;
  readonly onSelect: (modemId: string) => void;
}

export function PortPicker({ modems, selectedId, onSelect }: Props): React.JSX.Element {
  const id = useId();
  const [list, setList] = useState<PortList | undefined>(undefined);
  const [probing, setProbing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Which modem is on which port changes with the modems: list again when they change.
  const modemPorts = modems.map((m) => `${m.id}@${m.port}`).join(',');

  useEffect(() => {
    let live = true;
    void api.call('ports.list', {}).then((r) => {
      if (!live) return;
      if (r.ok) setList(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [modemPorts]);

  const probe = async (): Promise<void> => {
    setProbing(true);
    setError(null);
    const r = await api.call('ports.list', { probe: true });
    setProbing(false);
    if (r.ok) setList(r.value);
    else setError(r.error.message);
  };

  return (
    <section className="panel ports" aria-labelledby={`${id}-heading`} data-testid="ports">
      <div className="panel-head">
        <h2 id={`${id}-heading`}>{t('ports.heading')}</h2>
        <button type="button" onClick={() => void probe()} disabled={probing} data-testid="ports-probe">
          {probing ? t('ports.probing') : t('ports.probe')}
        </button>
      </div>
      {list && <p className="muted small">{list.watching ? t('ports.watching') : t('ports.notWatching')}</p>}
      {list?.problem && <p className="error">{t('ports.problem', { reason: list.problem })}</p>}
      {error && (
        <p role="alert" className="error">
          {t('common.error', { reason: error })}
        </p>
      )}
      {list && list.ports.length === 0 && <p className="muted">{t('ports.none')}</p>}
      {list && list.ports.length > 0 && (
        <table className="ports-table">
          <thead>
            <tr>
              <th scope="col">{t('ports.path')}</th>
              <th scope="col">{t('ports.device')}</th>
              <th scope="col">{t('ports.modem')}</th>
            </tr>
          </thead>
          <tbody>
            {list.ports.map((p) => {
              const modem = modems.find((m) => m.id === p.modemId);
              const device = p.virtual
                ? t('ports.virtual')
                : [p.manufacturer, p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : null].filter(Boolean).join(' · ');
              return (
                <tr key={p.path} aria-current={modem !== undefined && modem.id === selectedId ? 'true' : undefined}>
                  <th scope="row" className="mono">
                    {p.path}
                  </th>
                  <td>{device || '—'}</td>
                  <td>
                    {!modem ? (
                      <span className="muted">{t('ports.free')}</span>
                    ) : modem.id === selectedId ? (
                      <span>
                        {modemName(modem)} <span className="muted">({t('ports.current')})</span>
                      </span>
                    ) : (
                      <button type="button" className="link" onClick={() => onSelect(modem.id)}>
                        {t('ports.show', { modem: modemName(modem) })}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
