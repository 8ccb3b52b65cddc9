/**
 * The Contacts screen: the contact list (searched, narrowed to a group) on the left; a
 * contact's form, the groups, or the import on the right. The list and the groups follow
 * `contacts.changed`, so a change made here, in another window or by an import shows at once.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ContactGroupView, ContactView } from '../../../main/contract';
import { api } from '../api';
import { useEventHandler } from '../hooks';
import { t } from '../i18n';
import { ContactFeed } from './contacts/contact-feed';
import { ContactForm } from './contacts/ContactForm';
import { ContactList } from './contacts/ContactList';
import { GroupsPanel } from './contacts/GroupsPanel';
import { ImportPanel } from './contacts/ImportPanel';

type View = { kind: 'none' } | { kind: 'new' } | { kind: 'contact'; contact: ContactView } | { kind: 'groups' } | { kind: 'import' };

function useGroups(): [readonly ContactGroupView[], () => void] {
  const [groups, setGroups] = useState<readonly ContactGroupView[]>([]);
  const load = useCallback(() => {
    void api.call('groups.list', null).then((r) => {
      if (r.ok) setGroups(r.value);
    });
  }, []);
  useEffect(load, [load]);
  return [groups, load];
}

export function ContactsScreen({ onMessage }: { onMessage?: (number: string) => void }): React.JSX.Element {
  const feed = useMemo(() => new ContactFeed(api), []);
  const contacts = useSyncExternalStore(feed.subscribe, feed.getSnapshot);
  const [groups, reloadGroups] = useGroups();
  const [text, setText] = useState('');
  const [groupId, setGroupId] = useState<string | null>(null);
  const [view, setView] = useState<View>({ kind: 'none' });

  // A group deleted (here or elsewhere) no longer narrows the list.
  const filterGroup = groupId !== null && groups.some((g) => g.id === groupId) ? groupId : null;

  useEffect(() => {
    void feed.setFilter({ text, groupId: filterGroup });
  }, [feed, text, filterGroup]);

  useEventHandler('contacts.changed', () => {
    void feed.refresh();
    reloadGroups();
  });

  // The open contact follows the list (a rename, a new group), and closes when it is deleted.
  const openId = view.kind === 'contact' ? view.contact.id : null;
  const listed = openId !== null ? contacts.items.find((c) => c.id === openId) : undefined;
  const shown = view.kind === 'contact' ? (listed ?? view.contact) : null;

  const onSaved = useCallback((c: ContactView) => setView({ kind: 'contact', contact: c }), []);
  const showMembers = useCallback((g: ContactGroupView) => {
    setText('');
    setGroupId(g.id);
  }, []);

  return (
    <div className="contacts-screen">
      <nav className="contacts-side" aria-labelledby="contacts-heading">
        <div className="contacts-head">
          <h2 id="contacts-heading">{t('contacts.heading')}</h2>
          <button type="button" className="primary" onClick={() => setView({ kind: 'new' })} data-testid="contact-new">
            {t('contacts.new')}
          </button>
        </div>
        <div className="contacts-tools">
          <button
            type="button"
            aria-pressed={view.kind === 'import'}
            onClick={() => setView({ kind: 'import' })}
            data-testid="contacts-import"
          >
            {t('contacts.import')}
          </button>
          <button
            type="button"
            aria-pressed={view.kind === 'groups'}
            onClick={() => setView({ kind: 'groups' })}
            data-testid="contacts-groups"
          >
            {t('contacts.groups')}
          </button>
        </div>
        <div role="search" className="search-box">
          <input
            type="search"
            aria-label={t('contacts.search.label')}
            placeholder={t('contacts.search.placeholder')}
            value={text}
            maxLength={200}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && text !== '') {
                e.preventDefault();
                setText('');
              } else if (e.key === 'ArrowDown') {
                const list = e.currentTarget.closest('.contacts-side')?.querySelector<HTMLElement>('[role="listbox"]');
                if (list) {
                  e.preventDefault();
                  list.focus();
                }
              }
            }}
            data-testid="contacts-search"
          />
        </div>
        <label className="contacts-filter">
          <span>{t('contacts.filter.label')}</span>
          <select
            value={filterGroup ?? ''}
            onChange={(e) => setGroupId(e.target.value === '' ? null : e.target.value)}
            data-testid="contacts-filter"
          >
            <option value="">{t('contacts.filter.all')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {t('contacts.filter.group', { name: g.name })}
              </option>
            ))}
          </select>
        </label>
        <ContactList
          state={contacts}
          selectedId={openId}
          searchText={text}
          inGroup={filterGroup !== null}
          onOpen={(c) => setView({ kind: 'contact', contact: c })}
          onLoadMore={() => void feed.loadMore()}
          onRetry={() => void feed.refresh()}
        />
      </nav>
      <main className="contacts-main" aria-label={t('contacts.pane.label')}>
        {view.kind === 'none' && (
          <div className="empty" data-testid="contacts-pane-empty">
            <p className="empty-title">{t('contacts.pane.empty.title')}</p>
            <p className="muted">{t('contacts.pane.empty.body')}</p>
          </div>
        )}
        {view.kind === 'new' && (
          <ContactForm
            key="new"
            contact={null}
            groups={groups}
            onSaved={onSaved}
            onDeleted={() => undefined}
            onCancel={() => setView({ kind: 'none' })}
          />
        )}
        {shown && (
          <ContactForm
            key={shown.id}
            contact={shown}
            groups={groups}
            onSaved={onSaved}
            {...(onMessage ? { onMessage } : {})}
            onDeleted={() => setView({ kind: 'none' })}
            onCancel={() => setView({ kind: 'none' })}
          />
        )}
        {view.kind === 'groups' && <GroupsPanel groups={groups} onShowMembers={showMembers} />}
        {view.kind === 'import' && <ImportPanel />}
      </main>
    </div>
  );
}
