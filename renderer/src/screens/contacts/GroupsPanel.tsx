/** Groups: create, rename, delete, and show a group's members in the contact list. */
import { useId, useState } from 'react';
import type { ContactGroupView } from '../../../../main/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { api } from '../../api';
import { t, tn } from '../../i18n';

export function GroupsPanel(props: {
  groups: readonly ContactGroupView[];
  onShowMembers: (g: ContactGroupView) => void;
}): React.JSX.Element {
  const id = useId();
  const [newName, setNewName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<ContactGroupView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const done = (r: { ok: true } | { ok: false; error: { message: string } }): boolean => {
    if (!r.ok) {
      setError(t('contacts.group.error', { reason: r.error.message }));
      return false;
    }
    setError(null);
    return true;
  };

  const create = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const name = newName.trim();
    if (name === '') return;
    const r = await api.call('groups.create', { name });
    if (done(r) && r.ok) {
      setNewName('');
      setNotice(t('contacts.group.created', { name: r.value.name }));
    }
  };

  const rename = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!renaming || renaming.name.trim() === '') return;
    if (done(await api.call('groups.rename', { groupId: renaming.id, name: renaming.name.trim() }))) setRenaming(null);
  };

  const remove = async (): Promise<void> => {
    const group = deleting;
    setDeleting(null);
    if (group) done(await api.call('groups.delete', { groupId: group.id }));
  };

  return (
    <section className="groups-panel" aria-labelledby={`${id}-title`} data-testid="groups-panel">
      <header className="contacts-pane-head">
        <h2 id={`${id}-title`}>{t('contacts.group.heading')}</h2>
      </header>
      <form className="group-create" onSubmit={(e) => void create(e)}>
        <label className="field">
          <span>{t('contacts.group.createLabel')}</span>
          <input value={newName} maxLength={100} onChange={(e) => setNewName(e.target.value)} data-testid="group-name" />
        </label>
        <button type="submit" className="primary" disabled={newName.trim() === ''} data-testid="group-create">
          {t('contacts.group.create')}
        </button>
      </form>
      {error !== null && (
        <p role="alert" className="error" data-testid="group-error">
          {error}
        </p>
      )}
      <p role="status" className="muted">
        {notice}
      </p>
      {props.groups.length === 0 ? (
        <p className="muted">{t('contacts.group.none')}</p>
      ) : (
        <ul className="group-list" aria-label={t('contacts.group.list')} data-testid="group-list">
          {props.groups.map((g) => (
            <li key={g.id} className="group-item" data-testid="group">
              {renaming?.id === g.id ? (
                <form className="group-rename" onSubmit={(e) => void rename(e)}>
                  <input
                    value={renaming.name}
                    maxLength={100}
                    autoFocus
                    aria-label={t('contacts.group.renameLabel', { name: g.name })}
                    onChange={(e) => setRenaming({ id: g.id, name: e.target.value })}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape') setRenaming(null);
                    }}
                  />
                  <button type="submit" className="primary">
                    {t('contacts.group.renameSave')}
                  </button>
                  <button type="button" onClick={() => setRenaming(null)}>
                    {t('common.cancel')}
                  </button>
                </form>
              ) : (
                <>
                  <span className="group-name" dir="auto">
                    {g.name}
                  </span>
                  <span className="muted group-count">{tn('contacts.group.members', g.members)}</span>
                  <span className="group-actions">
                    <button
                      type="button"
                      aria-label={t('contacts.group.showNamed', { name: g.name })}
                      onClick={() => props.onShowMembers(g)}
                    >
                      {t('contacts.group.show')}
                    </button>
                    <button
                      type="button"
                      aria-label={t('contacts.group.renameNamed', { name: g.name })}
                      onClick={() => setRenaming({ id: g.id, name: g.name })}
                    >
                      {t('contacts.group.rename')}
                    </button>
                    <button type="button" aria-label={t('contacts.group.deleteNamed', { name: g.name })} onClick={() => setDeleting(g)}>
                      {t('contacts.group.delete')}
                    </button>
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('contacts.group.deleteTitle', { name: deleting.name })}
          body={t('contacts.group.deleteBody')}
          confirmLabel={t('contacts.group.delete')}
          danger
          onConfirm={() => void remove()}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
