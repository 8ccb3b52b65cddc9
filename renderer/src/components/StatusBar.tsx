import type { AppInfo, StationStatus } from '../../../main/contract';
import type { Loadable } from '../hooks';
import { t, tn } from '../i18n';

function describe(status: StationStatus | undefined): string {
  if (!status) return t('status.connecting');
  switch (status.state) {
    case 'starting':
      return t('status.starting');
    case 'no-modem':
      return t('status.noModem');
    case 'ready':
      return tn('status.modemsReady', status.modems);
  }
}

export function StatusBar({ info, status }: { info: Loadable<AppInfo>; status: StationStatus | undefined }): React.JSX.Element {
  return (
    <footer className="status-bar" role="status" aria-live="polite">
      <span className="status-main">
        {status?.demo && (
          <span className="status-demo" data-testid="station-demo">
            {t('status.demo')}
          </span>
        )}
        <span data-testid="station-status">{describe(status)}</span>
        {status && !status.archive && (
          <span className="muted" data-testid="station-no-archive">
            {t('status.noArchive')}
          </span>
        )}
      </span>
      <span data-testid="app-version" className="muted">
        {info.state === 'ready' && t('status.version', { version: info.value.version })}
        {info.state === 'error' && t('status.unreachable', { reason: info.error.message })}
      </span>
    </footer>
  );
}
