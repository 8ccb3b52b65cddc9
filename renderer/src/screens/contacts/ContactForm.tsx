/**
 * One contact, to read and change: name, organisation, numbers (checked by the core, which
 * answers in words when one is not a number), notes, and the groups it is in.
 */
import { useId, useRef, useState } from 'react';
import type { ContactGroupView, ContactView } from '../../../../main/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { api } from '../../api';
import { t, type MessageKey } from '../../i18n';

const KINDS = ['mobile', 'home', 'work', 'other'] as const;

interface NumberRow {
  key: number;
  number: string;
  kind: string;
}

// Keys of number rows, unique for the page's life: React tells rows apart while they are edited.
let lastRowKey = 0;
function row(number = '', kind = 'mobile'): NumberRow {
  lastRowKey++;
  return { key: lastRowKey, number, kind };
}

function kindWords(kind: string): string {
  return (KINDS as readonly string[]).includes(kind) ? t(`contacts.form.kind.${kind}` as MessageKey) : kind;
}

export function ContactForm(props: {
  contact: ContactView | null;
  groups: readonly ContactGroupView[];
  onSaved: (c: ContactView) => void;
  onDeleted: () => void;
  onCancel: () => void;
  /** Opens a new message to one of the contact's numbers (in Messages). */
  onMessage?: (number: string) => void;
}): React.JSX.Element {
  const { contact } = props;
  const id = useId();
  const [name, setName] = useState(contact?.name ?? '');
  const [organization, setOrganization] = useState(contact?.organization ?? '');
  const [note, setNote] = useState(contact?.note ?? '');
  const [numbers, setNumbers] = useState<NumberRow[]>(() =>
    contact && contact.numbers.length > 0 ? contact.numbers.map((n) => row(n.raw || n.number, n.kind)) : [row()],
  );
  const [memberOf, setMemberOf] = useState<readonly string[]>(contact?.groups ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  const save = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setNotice(null);
    if (name.trim() === '') {
      setError(t('contacts.form.nameMissing'));
      nameRef.current?.focus();
      return;
    }
    setBusy(true);
    const r = await api.call('contacts.save', {
      ...(contact ? { contactId: contact.id } : {}),
      name: name.trim(),
      organization: organization.trim() || null,
      note: note.trim() === '' ? null : note,
      numbers: numbers.filter((n) => n.number.trim() !== '').map((n) => ({ number: n.number, kind: n.kind })),
    });
    setBusy(false);
    if (!r.ok) {
      setError(t('contacts.form.error', { reason: r.error.message }));
      return;
    }
    setError(null);
    setNotice(t('contacts.form.saved'));
    props.onSaved(r.value);
  };

  const remove = async (): Promise<void> => {
    setConfirmDelete(false);
    if (!contact) return;
    const r = await api.call('contacts.delete', { contactId: contact.id });
    if (!r.ok) setError(t('contacts.form.deleteError', { reason: r.error.message }));
    else props.onDeleted();
  };

  const toggleGroup = async (group: ContactGroupView, member: boolean): Promise<void> => {
    if (!contact) return;
    const before = memberOf;
    const others = memberOf.filter((g) => g.toLowerCase() !== group.name.toLowerCase());
    // Ticked at once, as a checkbox should be; put back if the core refuses.
    setMemberOf(member ? [...others, group.name] : others);
    const call = member ? 'groups.addMembers' : 'groups.removeMembers';
    const r = await api.call(call, { groupId: group.id, contactIds: [contact.id] });
    if (r.ok) {
      setError(null);
      return;
    }
    setMemberOf(before);
    setError(t('contacts.form.groupError', { reason: r.error.message }));
  };

  const setRow = (key: number, patch: Partial<NumberRow>): void =>
    setNumbers((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const title = contact ? t('contacts.form.editTitle', { name: contact.name }) : t('contacts.form.newTitle');
  return (
    <section className="contact-form" aria-labelledby={`${id}-title`} data-testid="contact-form">
      <header className="contacts-pane-head">
        <h2 id={`${id}-title`} dir="auto">
          {title}
        </h2>
        {contact?.reachable === true && <span className="reach-badge">{t('contacts.reachable')}</span>}
        {contact && props.onMessage && contact.numbers.length > 0 && (
          <div className="contact-actions">
            {contact.numbers.map((n) => (
              <button type="button" key={n.number} onClick={() => props.onMessage?.(n.number)} data-testid="contact-message">
                {t('contacts.messageTo', { number: n.number })}
              </button>
            ))}
          </div>
        )}
      </header>
      <form onSubmit={(e) => void save(e)} noValidate>
        <label className="field">
          <span>{t('contacts.form.name')}</span>
          <input
            ref={nameRef}
            value={name}
            maxLength={200}
            required
            autoFocus={contact === null}
            onChange={(e) => setName(e.target.value)}
            data-testid="contact-name"
          />
        </label>
        <label className="field">
          <span>{t('contacts.form.organization')}</span>
          <input value={organization} maxLength={200} onChange={(e) => setOrganization(e.target.value)} />
        </label>
        <fieldset className="contact-numbers">
          <legend>{t('contacts.form.numbers')}</legend>
          <p className="muted hint" id={`${id}-hint`}>
            {t('contacts.form.numberHint')}
          </p>
          {numbers.map((n, i) => (
            <div className="contact-number-row" key={n.key}>
              <input
                type="tel"
                value={n.number}
                maxLength={40}
                aria-label={t('contacts.form.number', { index: i + 1 })}
                aria-describedby={`${id}-hint`}
                onChange={(e) => setRow(n.key, { number: e.target.value })}
                data-testid="contact-number"
              />
              <select
                value={n.kind}
                aria-label={t('contacts.form.numberKind', { index: i + 1 })}
                onChange={(e) => setRow(n.key, { kind: e.target.value })}
              >
                {[...new Set([...KINDS, n.kind])].map((k) => (
                  <option key={k} value={k}>
                    {kindWords(k)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                aria-label={t('contacts.form.removeNumber', { index: i + 1 })}
                onClick={() => setNumbers((rows) => (rows.length > 1 ? rows.filter((r) => r.key !== n.key) : [row()]))}
              >
                ×
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setNumbers((rows) => [...rows, row()])} data-testid="contact-add-number">
            {t('contacts.form.addNumber')}
          </button>
        </fieldset>
        <label className="field">
          <span>{t('contacts.form.note')}</span>
          <textarea value={note} rows={3} maxLength={5000} onChange={(e) => setNote(e.target.value)} />
        </label>
        {error !== null && (
          <p role="alert" className="error" data-testid="contact-error">
            {error}
          </p>
        )}
        <p role="status" className="muted contact-notice">
          {notice}
        </p>
        <div className="contact-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="contact-save">
            {busy ? t('contacts.form.saving') : t('contacts.form.save')}
          </button>
          {contact ? (
            <button type="button" className="danger" onClick={() => setConfirmDelete(true)} data-testid="contact-delete">
              {t('contacts.form.delete')}
            </button>
          ) : (
            <button type="button" onClick={props.onCancel}>
              {t('contacts.form.cancel')}
            </button>
          )}
        </div>
      </form>
      <fieldset className="contact-groups" data-testid="contact-groups">
        <legend>{t('contacts.form.groups')}</legend>
        {!contact && <p className="muted">{t('contacts.form.groupsAfterSave')}</p>}
        {contact && props.groups.length === 0 && <p className="muted">{t('contacts.form.groupsNone')}</p>}
        {contact &&
          props.groups.map((g) => (
            <label key={g.id} className="check">
              <input
                type="checkbox"
                checked={memberOf.some((m) => m.toLowerCase() === g.name.toLowerCase())}
                onChange={(e) => void toggleGroup(g, e.target.checked)}
              />
              <span dir="auto">{g.name}</span>
            </label>
          ))}
      </fieldset>
      {confirmDelete && contact && (
        <ConfirmDialog
          title={t('contacts.form.deleteTitle')}
          body={t('contacts.form.deleteBody')}
          detail={[contact.name, ...contact.numbers.map((n) => n.number)].join('\n')}
          confirmLabel={t('contacts.form.delete')}
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirmDelete(false)}
        />
      )}
    </section>
  );
}
