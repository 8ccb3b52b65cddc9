import { useCallback } from 'react';
import type { SearchHit } from '../../../../main/contract';
import { VirtualListbox } from '../../components/VirtualListbox';
import { t } from '../../i18n';
import { Highlighted } from './Highlighted';
import { plainSnippet } from './hits';
import type { SearchState } from './search-store';
import { listTimeWords } from './words';

const ROW_HEIGHT = 72;

export function SearchResults(props: {
  state: SearchState;
  selectedId: string | null;
  now: Date;
  onOpen: (hit: SearchHit) => void;
  onLoadMore: () => void;
}): React.JSX.Element {
  const { state, now } = props;
  const keyOf = useCallback((h: SearchHit) => h.messageId, []);
  const label = (h: SearchHit): string =>
    [h.title, listTimeWords(h.at, now), (h.direction === 'out' ? `${t('search.sent')}: ` : '') + plainSnippet(h.snippet)].join(
      t('conversations.separator'),
    );

  let note: React.JSX.Element | null = null;
  if (state.status === 'searching' && state.items.length === 0) note = <p className="pane-note muted">{t('search.searching')}</p>;
  else if (state.status === 'error')
    note = (
      <p role="alert" className="pane-note error">
        {t('search.error', { reason: state.error?.message ?? '' })}
      </p>
    );
  else if (state.status === 'ready' && state.items.length === 0)
    note = (
      <p className="pane-note muted" data-testid="search-none">
        {t('search.none', { text: state.text })}
      </p>
    );
  if (note) {
    return (
      <div className="search-results" role="status">
        {note}
      </div>
    );
  }
  return (
    <VirtualListbox
      items={state.items}
      keyOf={keyOf}
      label={t('search.results')}
      rowHeight={ROW_HEIGHT}
      selectedKey={props.selectedId}
      hasMore={state.next !== null}
      onNearEnd={props.onLoadMore}
      onChoose={props.onOpen}
      optionLabel={label}
      idPrefix="hit"
      className="search-results"
      optionTestId="search-hit"
      testId="search-results"
      renderOption={(h) => (
        <div className="hit-row">
          <span className="conv-title" dir="auto">
            {h.title}
          </span>
          <time className="conv-time" dateTime={h.at}>
            {listTimeWords(h.at, now)}
          </time>
          <span className="hit-snippet" dir="auto">
            {h.direction === 'out' && <span className="muted">{t('search.sent')}: </span>}
            <Highlighted snippet={h.snippet} />
          </span>
        </div>
      )}
      footer={state.loadingMore ? <p className="pane-note muted">{t('search.more')}</p> : null}
    />
  );
}
