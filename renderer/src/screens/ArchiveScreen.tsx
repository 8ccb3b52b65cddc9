/**
 * The Archive screen: import a backup (streamed, with a progress bar and a summary of what was
 * skipped and why), export every message as a download, and the traffic dashboard.
 */
import { useState } from 'react';
import { t } from '../i18n';
import { ExportPanel } from './archive/ExportPanel';
import { ImportPanel } from './archive/ImportPanel';
import { TrafficPanel } from './archive/TrafficPanel';

export function ArchiveScreen(): React.JSX.Element {
  // Bumped after each import, so the dashboard counts the new messages.
  const [revision, setRevision] = useState(0);
  return (
    <main className="archive-screen" aria-labelledby="archive-title">
      <header className="screen-head">
        <h1 id="archive-title">{t('archive.heading')}</h1>
        <p className="muted">{t('archive.intro')}</p>
      </header>
      <div className="archive-io">
        <ImportPanel onImported={() => setRevision((n) => n + 1)} />
        <ExportPanel />
      </div>
      <TrafficPanel revision={revision} />
    </main>
  );
}
