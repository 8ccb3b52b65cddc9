/**
 * USSD: a code starts a session (ussd.send); while the network waits (a menu), what is typed
 * or chosen answers that session; "End session" cancels it (ussd.cancel). Replies are shown
 * as plain text, line breaks kept, never as HTML.
 */
import { useId, useRef, useState } from 'react';
import type { ModemSummary } from '../../../../main/contract';
import { api } from '../../api';
import { t } from '../../i18n';

interface Entry {
  readonly key: number;
  readonly from: 'you' | 'network' | 'note';
  readonly text: string;
}

/** Numbered lines of a menu ("1 Balance", "2) Data"): offered as buttons as well. */
function menuChoices(text: string): { option: string; label: string }[] {
  const out: { option: string; label: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(\d{1,2})[.):]?\s+(.+)$/.exec(line);
    if (m) out.push({ option: m[1]!, label: m[2]!.trim() });
  }
  return out;
}

export function UssdPanel({ modem }: { modem: ModemSummary }): React.JSX.Element {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [entries, setEntries] = useState<readonly Entry[]>([]);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const counter = useRef(0);
  const ready = modem.state === 'ready';

  const add = (from: Entry['from'], value: string): void => {
    counter.current += 1;
    const key = counter.current;
    setEntries((prev) => [...prev, { key, from, text: value }].slice(-50));
  };

  const send = async (value: string): Promise<void> => {
    const trimmed = value.trim();
    if (!trimmed || busy) return;
    setBusy(true);
    setError(null);
    add('you', trimmed);
    const r = await api.call('ussd.send', { modemId: modem.id, text: trimmed });
    setBusy(false);
    if (!r.ok) {
      setOpen(false);
      setError(r.error.message);
      return;
    }
    add('network', r.value.text ?? t('ussd.noText'));
    setOpen(r.value.open);
    if (!r.value.open) add('note', t('ussd.ended'));
    setText('');
    input.current?.focus();
  };

  const cancel = async (): Promise<void> => {
    setBusy(true);
    const r = await api.call('ussd.cancel', { modemId: modem.id });
    setBusy(false);
    setOpen(false);
    if (r.ok) add('note', t('ussd.ended'));
    else setError(r.error.message);
    input.current?.focus();
  };

  const lastNetwork = [...entries].reverse().find((e) => e.from === 'network');
  const choices = open && lastNetwork ? menuChoices(lastNetwork.text) : [];

  return (
    <section className="panel ussd" aria-labelledby={`${id}-heading`} data-testid="ussd">
      <h2 id={`${id}-heading`}>{t('ussd.heading')}</h2>
      <p className="muted">{t('ussd.intro')}</p>
      {entries.length > 0 && (
        <ol className="ussd-log" role="log" aria-label={t('ussd.log')} data-testid="ussd-log">
          {entries.map((e) => (
            <li key={e.key} className={`ussd-${e.from}`}>
              {e.from !== 'note' && <span className="ussd-who">{e.from === 'you' ? t('ussd.you') : t('ussd.network')}</span>}
              <span className="ussd-text">{e.text}</span>
            </li>
          ))}
        </ol>
      )}
      {choices.length > 0 && (
        <div className="ussd-choices" role="group" aria-label={t('ussd.choices')}>
          {choices.map((c) => (
            <button
              key={c.option}
              type="button"
              onClick={() => void send(c.option)}
              disabled={busy}
              aria-label={t('ussd.choose', { option: `${c.option} ${c.label}` })}
            >
              {c.option} · {c.label}
            </button>
          ))}
        </div>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send(text);
        }}
      >
        <label className="field">
          <span>{open ? t('ussd.answer') : t('ussd.code')}</span>
          <input
            ref={input}
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={160}
            autoComplete="off"
            spellCheck={false}
            placeholder={open ? '' : '*100#'}
            disabled={!ready || busy}
            data-testid="ussd-input"
          />
        </label>
        <button type="submit" className="primary" disabled={!ready || busy || text.trim() === ''}>
          {open ? t('ussd.reply') : t('ussd.send')}
        </button>
        {open && (
          <button type="button" onClick={() => void cancel()} disabled={busy} data-testid="ussd-cancel">
            {t('ussd.cancel')}
          </button>
        )}
      </form>
      <p role="status" className="muted small">
        {busy ? t('ussd.waiting') : open ? t('ussd.open') : !ready ? t('ussd.notReady') : ''}
      </p>
      {error && (
        <p role="alert" className="error">
          {t('common.error', { reason: error })}
        </p>
      )}
    </section>
  );
}
