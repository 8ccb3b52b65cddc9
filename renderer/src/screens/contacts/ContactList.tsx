import { useCallback } from 'react';
import type { ContactView } from '../../../../main/contract';
import { VirtualListbox } from '../../components/VirtualListbox';
import { t, tn } from '../../i18n';
import type { ContactsState } from './contact-feed';

const ROW_HEIGHT = 64;

/** The first number, and how many more there are, in words. */
export function numbersWords(c: ContactView): string {
  const first = c.numbers[0];
  if (!first) return t('contacts.noNumber');
  return c.numbers.length > 1 ? tn('contacts.moreNumbers', c.numbers.length - 1, { number: first.number }) : first.number;
}

export function ContactList(props: {
  state: ContactsState;
  selectedId: string | null;
  searchText: string;
  inGroup: boolean;
  onOpen: (c: ContactView) => void;
  onLoadMore: () => void;
  onRetry: () => void;
}): React.JSX.Element {
  const { state } = props;
  const keyOf = useCallback((c: ContactView) => c.id, []);
  // The option's name is its visible text in reading order. The parts are blocks of a grid,
  // so a plain space between them (which the layout ignores) keeps their words apart for
  // the checks that compare the name with the visible text.
  const parts = (c: ContactView): string[] =>
    [c.name, c.reachable === true ? t('contacts.reachable') : '', numbersWords(c), c.groups.join(t('contacts.separator'))].filter(
      (s) => s !== '',
    );
  const label = (c: ContactView): string => parts(c).join(t('contacts.separator'));
  const gap = ' ';

  if (state.status === 'loading' && state.items.length === 0) return <p className="pane-note muted">{t('contacts.loading')}</p>;
  if (state.status === 'error' && state.items.length === 0) {
    return (
      <div className="pane-note">
        <p role="alert" className="error">
          {t('contacts.error', { reason: state.error?.message ?? '' })}
        </p>
        <button type="button" onClick={props.onRetry}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (state.items.length === 0) {
    const text = props.searchText.trim();
    if (text !== '') return <p className="pane-note muted">{t('contacts.none', { text })}</p>;
    if (props.inGroup) return <p className="pane-note muted">{t('contacts.noneInGroup')}</p>;
    return (
      <div className="empty" data-testid="contacts-empty">
        <p className="empty-title">{t('contacts.empty.title')}</p>
        <p className="muted">{t('contacts.empty.body')}</p>
      </div>
    );
  }
  return (
    <VirtualListbox
      items={state.items}
      keyOf={keyOf}
      label={t('contacts.list.label')}
      rowHeight={ROW_HEIGHT}
      selectedKey={props.selectedId}
      hasMore={state.next !== null}
      onNearEnd={props.onLoadMore}
      onChoose={props.onOpen}
      optionLabel={label}
      idPrefix="contact"
      className="contact-list"
      optionTestId="contact"
      testId="contact-list"
      renderOption={(c) => (
        <div className="contact-row">
          <span className="contact-row-name" dir="auto">
            {c.name}
            {c.reachable === true && (
              <>
                {gap}
                <span className="reach-badge">{t('contacts.reachable')}</span>
              </>
            )}
          </span>
          {gap}
          <span className="contact-row-numbers">{numbersWords(c)}</span>
          {c.groups.length > 0 && (
            <>
              {gap}
              <span className="contact-row-groups" dir="auto">
                {c.groups.join(t('contacts.separator'))}
              </span>
            </>
          )}
        </div>
      )}
      footer={
        <>
          {state.loadingMore && <p className="pane-note muted">{t('contacts.loadingMore')}</p>}
          {state.status === 'ready' && state.error && (
            <p role="alert" className="pane-note error">
              {t('contacts.error', { reason: state.error.message })}
            </p>
          )}
        </>
      }
    />
  );
}
