/**
 * Asks for the SIM PIN and enters it once through modems.unlock. A refused PIN shows the
 * modem's words and clears the field: nothing is sent again until the person types and
 * submits a PIN. "Remember" is offered only where the core can keep a PIN safely.
 *
 * A modal <dialog> (showModal makes the page behind it inert); Tab and Shift+Tab also wrap
 * inside it explicitly, Escape closes it, and focus goes back to where it was.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ModemSummary, PinMemory } from '../../../../main/contract';
import { api } from '../../api';
import { t } from '../../i18n';
import { modemName } from './format';

interface Props {
  readonly modem: ModemSummary;
  readonly onClose: () => void;
}

type Status = { kind: 'idle' } | { kind: 'working' } | { kind: 'invalid' } | { kind: 'refused'; words: string };

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), [href], select, textarea, [tabindex]:not([tabindex="-1"])';

export function PinDialog({ modem, onClose }: Props): React.JSX.Element {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [pin, setPin] = useState('');
  const [remember, setRemember] = useState(false);
  const [memory, setMemory] = useState<PinMemory | undefined>(undefined);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    input.current?.focus();
    return () => {
      if (el?.open) el.close();
      opener?.focus();
    };
  }, []);

  useEffect(() => {
    let live = true;
    void api.call('modems.pinMemory', { modemId: modem.id }).then((r) => {
      if (live && r.ok) setMemory(r.value);
    });
    return () => {
      live = false;
    };
  }, [modem.id]);

  // Back to the field after a refusal, once it is enabled again.
  useEffect(() => {
    if (status.kind === 'invalid' || status.kind === 'refused') input.current?.focus();
  }, [status]);

  const submit = async (): Promise<void> => {
    if (!/^\d{4,8}$/.test(pin)) {
      setStatus({ kind: 'invalid' });
      return;
    }
    setStatus({ kind: 'working' });
    const r = await api.call('modems.unlock', { modemId: modem.id, pin, ...(remember ? { remember: true } : {}) });
    if (r.ok) {
      onClose();
      return;
    }
    // Never sent again by itself: the field is emptied and waits for the person.
    setPin('');
    setStatus({ kind: 'refused', words: r.error.message });
  };

  const trapTab = (e: React.KeyboardEvent<HTMLDialogElement>): void => {
    if (e.key !== 'Tab' || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const working = status.kind === 'working';
  const errorId = `${id}-error`;
  return (
    <dialog
      ref={dialog}
      className="pin-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-intro`}
      onKeyDown={trapTab}
      onCancel={(e) => {
        // Escape: close through React so the state and the focus follow.
        e.preventDefault();
        if (!working) onClose();
      }}
      data-testid="pin-dialog"
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!working) void submit();
        }}
      >
        <h2 id={`${id}-title`}>{t('pin.title')}</h2>
        <p id={`${id}-intro`}>{t('pin.intro', { modem: modemName(modem) })}</p>
        <div className="field">
          <label htmlFor={`${id}-pin`}>{t('pin.label')}</label>
          <input
            ref={input}
            id={`${id}-pin`}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            aria-invalid={status.kind === 'invalid' || status.kind === 'refused'}
            aria-describedby={`${id}-hint ${errorId}`}
            disabled={working}
            data-testid="pin-input"
          />
          <span id={`${id}-hint`} className="muted small">
            {t('pin.hint')}
          </span>
        </div>
        {memory?.availability === 'available' ? (
          <label className="check">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} disabled={working} />
            <span>{t('pin.remember')}</span>
          </label>
        ) : (
          memory && <p className="muted small">{t(`pin.cannotRemember.${memory.availability}`)}</p>
        )}
        <div id={errorId} role="alert" className="pin-error" data-testid="pin-error">
          {status.kind === 'invalid' && <p className="error">{t('pin.invalid')}</p>}
          {status.kind === 'refused' && (
            <>
              <p className="error">{t('pin.refused')}</p>
              <p className="modem-words">{t('pin.words', { words: status.words })}</p>
            </>
          )}
        </div>
        <div className="dialog-actions">
          <button type="button" onClick={onClose} disabled={working}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={working}>
            {working ? t('pin.working') : t('pin.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
