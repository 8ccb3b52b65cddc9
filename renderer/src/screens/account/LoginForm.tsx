/**
 * Login by phone number and a code the server texts to it. Each outcome (code sent, wrong
 * code, too many tries, no server, unreachable) is said in words; the code field offers the
 * code from the SMS where the system can (autocomplete "one-time-code").
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { AccountCodeOutcome, AccountLoginOutcome, AccountStatus, ContractError } from '../../../../main/contract';
import { api } from '../../api';
import { t } from '../../i18n';
import { ErrorNote } from './ErrorNote';

interface Props {
  readonly status: AccountStatus;
  readonly onStatus: (s: AccountStatus) => void;
}

type Note =
  | { kind: 'none' }
  | { kind: 'code'; outcome: AccountCodeOutcome['outcome']; number: string }
  | { kind: 'login'; outcome: AccountLoginOutcome['outcome'] }
  | { kind: 'need'; what: 'number' | 'code' };

export function LoginForm({ status, onStatus }: Props): React.JSX.Element {
  const id = useId();
  const [number, setNumber] = useState('');
  const [code, setCode] = useState('');
  const [note, setNote] = useState<Note>({ kind: 'none' });
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [working, setWorking] = useState<'code' | 'login' | undefined>(undefined);
  /** A code is on its way: Enter now logs in rather than asking for another. */
  const [codeSent, setCodeSent] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const numberInput = useRef<HTMLInputElement>(null);

  // After the code is on its way, or a wrong one was typed, the code field is where the person goes next.
  useEffect(() => {
    if ((note.kind === 'code' && note.outcome === 'sent') || (note.kind === 'login' && note.outcome === 'wrong-code'))
      codeInput.current?.focus();
    if (note.kind === 'need') (note.what === 'number' ? numberInput : codeInput).current?.focus();
  }, [note]);

  const requestCode = async (): Promise<void> => {
    if (number.trim() === '') return setNote({ kind: 'need', what: 'number' });
    setWorking('code');
    const r = await api.call('account.requestCode', { number: number.trim() });
    setWorking(undefined);
    if (r.ok) {
      setError(undefined);
      setNote({ kind: 'code', outcome: r.value.outcome, number: number.trim() });
      if (r.value.outcome === 'sent') setCodeSent(true);
    } else setError(r.error);
  };

  const login = async (): Promise<void> => {
    if (number.trim() === '') return setNote({ kind: 'need', what: 'number' });
    if (code.trim() === '') return setNote({ kind: 'need', what: 'code' });
    setWorking('login');
    const r = await api.call('account.login', { number: number.trim(), code: code.trim() });
    setWorking(undefined);
    if (!r.ok) return setError(r.error);
    setError(undefined);
    if (r.value.outcome !== 'signed-in') setCode('');
    setNote({ kind: 'login', outcome: r.value.outcome });
    onStatus(r.value.status);
  };

  const noteText = (): string => {
    switch (note.kind) {
      case 'none':
        return '';
      case 'need':
        return note.what === 'number' ? t('account.login.needNumber') : t('account.login.needCode');
      case 'code':
        return t(`account.code.${note.outcome}`, { number: note.number });
      case 'login':
        return t(`account.login.${note.outcome}`);
    }
  };
  const good = (note.kind === 'code' && note.outcome === 'sent') || (note.kind === 'login' && note.outcome === 'signed-in');

  return (
    <section className="panel account-login" aria-labelledby={`${id}-h`} data-testid="account-login">
      <h2 id={`${id}-h`}>{t('account.login.heading')}</h2>
      <p>{t('account.login.intro')}</p>
      {!status.keepsSession && <p className="muted small">{t('account.login.noKeychain')}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (working !== undefined) return;
          // Enter in the number field, before any code: ask for one.
          if (code.trim() === '' && number.trim() !== '' && !codeSent) void requestCode();
          else void login();
        }}
      >
        <div className="inline-form">
          <div className="field grow">
            <label htmlFor={`${id}-number`}>{t('account.login.number')}</label>
            <input
              ref={numberInput}
              id={`${id}-number`}
              type="tel"
              autoComplete="tel"
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              aria-describedby={`${id}-number-hint`}
              aria-invalid={note.kind === 'code' && note.outcome === 'invalid-number'}
              data-testid="account-number"
            />
            <span id={`${id}-number-hint`} className="muted small">
              {t('account.login.numberHint')}
            </span>
          </div>
          <button type="button" onClick={() => void requestCode()} disabled={working !== undefined} data-testid="account-request-code">
            {working === 'code' ? t('account.login.requesting') : t('account.login.requestCode')}
          </button>
        </div>
        <div className="inline-form">
          <div className="field">
            <label htmlFor={`${id}-code`}>{t('account.login.code')}</label>
            <input
              ref={codeInput}
              id={`${id}-code`}
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={10}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
              aria-invalid={note.kind === 'login' && note.outcome === 'wrong-code'}
              aria-describedby={`${id}-note`}
              data-testid="account-code"
            />
          </div>
          <button type="submit" className="primary" disabled={working !== undefined} data-testid="account-login-submit">
            {working === 'login' ? t('account.login.working') : t('account.login.submit')}
          </button>
        </div>
      </form>
      <p id={`${id}-note`} role="status" className={good ? 'muted' : 'error'} data-testid="account-login-note">
        {noteText()}
      </p>
      <ErrorNote error={error} />
    </section>
  );
}
