/**
 * A new rule: a keyword auto-reply, a forward to a number, or an SMS (flash by default) with a
 * status text to callers whose call was missed. Simple mistakes are said before anything is
 * sent; the core's refusals (a keyword of two words, a forward to a short code) are shown as it
 * words them.
 */
import { useId, useState } from 'react';
import type { RuleInput, RuleKind } from '../../../../main/contract';
import { api } from '../../api';
import { t } from '../../i18n';
import { errorWords, parseSenders } from './format';

const KINDS: readonly RuleKind[] = ['auto-reply', 'forward', 'missed-call'];

export function RuleForm({ onAdded }: { onAdded: () => void }): React.JSX.Element {
  const id = useId();
  const [kind, setKind] = useState<RuleKind>('auto-reply');
  const [keyword, setKeyword] = useState('');
  const [text, setText] = useState('');
  const [forwardTo, setForwardTo] = useState('');
  const [senders, setSenders] = useState('');
  const [flash, setFlash] = useState<boolean | null>(null);
  const [reject, setReject] = useState(false);
  const [perHour, setPerHour] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  // A missed caller gets a flash SMS unless the person says otherwise: the status shows at once.
  const flashOn = flash ?? kind === 'missed-call';

  const input = (): RuleInput | string => {
    const common = {
      senders: parseSenders(senders),
      ...(perHour.trim() !== '' ? { perHour: Number(perHour) } : {}),
    };
    if (perHour.trim() !== '' && (!Number.isInteger(common.perHour) || common.perHour! < 1 || common.perHour! > 1000)) {
      return t('office.rules.form.badPerHour');
    }
    if (kind !== 'missed-call' && /\s/.test(keyword.trim())) return t('office.rules.form.oneWord');
    const word = keyword.trim() === '' ? null : keyword.trim();
    if (kind === 'forward') {
      if (forwardTo.trim() === '') return t('office.rules.form.needForwardTo');
      return { kind, keyword: word, forwardTo: forwardTo.trim(), ...common };
    }
    if (text.trim() === '') return t('office.rules.form.needText');
    if (kind === 'missed-call') return { kind, text, flash: flashOn, rejectCall: reject, ...common };
    return { kind, keyword: word, text, flash: flashOn, ...common };
  };

  const submit = async (): Promise<void> => {
    const rule = input();
    if (typeof rule === 'string') return setNote({ kind: 'error', text: rule });
    setBusy(true);
    setNote(null);
    const r = await api.call('office.rulesAdd', rule);
    setBusy(false);
    if (!r.ok) return setNote({ kind: 'error', text: errorWords(r.error) });
    setKeyword('');
    setText('');
    setForwardTo('');
    setSenders('');
    setPerHour('');
    setNote({ kind: 'info', text: t('office.rules.form.added') });
    onAdded();
  };

  return (
    <section className="panel office-rule-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('office.rules.add')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset>
          <legend>{t('office.rules.form.kind')}</legend>
          {KINDS.map((k) => (
            <label key={k} className="check">
              <input type="radio" name={`${id}-kind`} checked={kind === k} onChange={() => setKind(k)} data-testid={`rule-kind-${k}`} />
              {t(`office.rules.form.kind.${k}`)}
            </label>
          ))}
        </fieldset>
        {kind !== 'missed-call' && (
          <label className="field">
            <span>{t('office.rules.form.keyword')}</span>
            <input value={keyword} onChange={(e) => setKeyword(e.target.value)} maxLength={40} data-testid="rule-keyword" />
          </label>
        )}
        {kind === 'forward' ? (
          <label className="field">
            <span>{t('office.rules.form.forwardTo')}</span>
            <input
              value={forwardTo}
              onChange={(e) => setForwardTo(e.target.value)}
              maxLength={40}
              inputMode="tel"
              data-testid="rule-forward-to"
            />
          </label>
        ) : (
          <label className="field">
            <span>{kind === 'missed-call' ? t('office.rules.form.statusText') : t('office.rules.form.text')}</span>
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={1_000} data-testid="rule-text-input" />
          </label>
        )}
        <label className="field">
          <span>{t('office.rules.form.senders')}</span>
          <input value={senders} onChange={(e) => setSenders(e.target.value)} data-testid="rule-senders" />
        </label>
        {kind !== 'forward' && (
          <label className="check">
            <input type="checkbox" checked={flashOn} onChange={(e) => setFlash(e.target.checked)} data-testid="rule-flash" />
            {t('office.rules.form.flash')}
          </label>
        )}
        {kind === 'missed-call' && (
          <label className="check">
            <input type="checkbox" checked={reject} onChange={(e) => setReject(e.target.checked)} />
            {t('office.rules.form.reject')}
          </label>
        )}
        <label className="field office-narrow">
          <span>{t('office.rules.form.perHour')}</span>
          <input value={perHour} onChange={(e) => setPerHour(e.target.value)} inputMode="numeric" maxLength={4} />
        </label>
        <div className="office-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="rule-add">
            {busy ? t('office.rules.form.adding') : t('office.rules.form.add')}
          </button>
        </div>
      </form>
      {note && (
        <p role={note.kind === 'error' ? 'alert' : 'status'} className={note.kind === 'error' ? 'error' : 'muted'} data-testid="rule-note">
          {note.text}
        </p>
      )}
    </section>
  );
}
