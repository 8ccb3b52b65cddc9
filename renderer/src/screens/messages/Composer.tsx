/**
 * Writing an SMS: the counter is worked out locally on every keystroke with the codec's own
 * planner (modem/pdu, pure TS), so it says exactly what the station will send: encoding,
 * parts, room left in this part, and which characters forced UCS-2, with an offer to swap
 * look-alikes for their GSM twins. Signed in to a mailbox account, it also asks how the message
 * travels (internet first, SMS, or the mailbox only) and says which way it went and why.
 */
import { useId, useMemo, useRef, useState } from 'react';
import type { MessageView, ModemSummary, SendRequest } from '../../../../main/contract';
import { MAX_PARTS, planText } from '../../../../modem/pdu/index';
import { api } from '../../api';
import { refusalText } from '../../api/refusal';
import { formatTime, t, tn } from '../../i18n';
import { clearDraft, readDraft, windowStorage, writeDraft, type DraftPlace } from './drafts';
import { codePointLabel, findLookalikes, isInvisible, replaceLookalikes } from './lookalikes';

/** The contract's limit on a message's text. */
const MAX_TEXT = 10_000;
/** Characters named as the cause of UCS-2 before "…". */
const MAX_CAUSES = 12;

type Via = NonNullable<SendRequest['via']>;

type SendState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'error'; reason: string } | { kind: 'done'; note: string };

function modemName(m: ModemSummary): string {
  const name = [m.operator, m.ownNumber ?? m.model ?? m.port].filter((s): s is string => !!s).join(' · ');
  return m.state === 'ready' ? name : t('composer.sim.notReady', { name });
}

/** The encoding in words. */
function encodingWords(encoding: string): string {
  if (encoding === 'gsm7') return t('composer.encoding.gsm7');
  if (encoding === 'ucs2') return t('composer.encoding.ucs2');
  return t('composer.encoding.8bit');
}

export function Composer(props: {
  /** The recipient of the open conversation; absent for a new message (a To field is shown). */
  to?: string;
  /** A draft to start from (an sms: link, a shortcut); the fields stay the user's to change. */
  initial?: { to: string; text: string };
  modems: readonly ModemSummary[];
  /** Called with the message and what the composer says of it (queued, or which way it went). */
  onSent: (message: MessageView, note: string) => void;
  /** A note to show at first (the new-message form's, once its conversation opens). */
  note?: string;
  /** Signed in to a mailbox account (online or not): the message may go over the internet. */
  mailbox?: boolean;
  autoFocus?: boolean;
  /** Where the unsent text is kept (drafts.ts); `initial`, when given, wins over a kept draft. */
  draft?: DraftPlace;
}): React.JSX.Element {
  const id = useId();
  const place = props.draft;
  const [kept] = useState(() => (place && !props.initial ? readDraft(windowStorage(), place) : null));
  const [to, setTo] = useState(props.initial?.to ?? kept?.to ?? '');
  const [text, setText] = useState(props.initial?.text ?? kept?.text ?? '');
  // Kept as typed (not from an effect), so clearing after a send is not undone by a late write.
  const keep = (next: { to?: string; text?: string }): void => {
    if (place) writeDraft(windowStorage(), place, { to: next.to ?? to, text: next.text ?? text });
  };
  const changeTo = (next: string): void => {
    setTo(next);
    keep({ to: next });
  };
  const changeText = (next: string): void => {
    setText(next);
    keep({ text: next });
  };
  const [modemId, setModemId] = useState('');
  // Only an account can send over the internet: without one the choice is not offered.
  const hasAccount = props.mailbox === true;
  const [via, setVia] = useState<Via>('auto');
  const [flash, setFlash] = useState(false);
  const [report, setReport] = useState(true);
  const [later, setLater] = useState(false);
  const [at, setAt] = useState('');
  const [send, setSend] = useState<SendState>(props.note !== undefined ? { kind: 'done', note: props.note } : { kind: 'idle' });
  const [replacedNote, setReplacedNote] = useState('');
  const textRef = useRef<HTMLTextAreaElement>(null);

  const plan = useMemo(() => planText(text), [text]);
  const lookalikes = useMemo(() => findLookalikes(text), [text]);
  const fixed = useMemo(() => (lookalikes.length > 0 ? replaceLookalikes(text) : null), [lookalikes, text]);
  const fixedFits = useMemo(() => (fixed ? planText(fixed.text).encoding === 'gsm7' : false), [fixed]);
  const causes = plan.encoding === 'ucs2' ? plan.nonGsmChars : [];

  const replace = (): void => {
    if (!fixed) return;
    changeText(fixed.text);
    setReplacedNote(
      tn(
        'composer.lookalikes.done',
        fixed.replaced.reduce((n, r) => n + r.count, 0),
      ),
    );
    textRef.current?.focus();
  };

  const submit = async (): Promise<void> => {
    if (send.kind === 'sending') return;
    const recipient = (props.to ?? to).trim();
    if (recipient === '') return setSend({ kind: 'error', reason: t('composer.needTo') });
    if (text.trim() === '') return setSend({ kind: 'error', reason: t('composer.needText') });
    let notBefore: number | undefined;
    if (later) {
      if (at === '') return setSend({ kind: 'error', reason: t('composer.needTime') });
      notBefore = new Date(at).getTime();
      if (!Number.isFinite(notBefore) || notBefore <= Date.now()) return setSend({ kind: 'error', reason: t('composer.pastTime') });
    }
    setSend({ kind: 'sending' });
    const r = await api.call('messages.send', {
      to: recipient,
      text,
      flash,
      statusReport: report,
      ...(notBefore !== undefined ? { notBefore } : {}),
      ...(modemId !== '' ? { modemId } : {}),
      ...(hasAccount ? { via } : {}),
    });
    if (!r.ok) {
      setSend({ kind: 'error', reason: t('composer.error', { reason: refusalText(r.error) }) });
      return;
    }
    setText('');
    if (place) clearDraft(windowStorage(), place);
    setReplacedNote('');
    const note =
      notBefore !== undefined
        ? t('composer.scheduled', { time: formatTime(new Date(notBefore).toISOString(), { dateStyle: 'medium', timeStyle: 'short' }) })
        : // The core's words on the way it took (why not the internet, or through your own station).
          (r.value.routeNote ?? (r.value.channel === 'mailbox' ? t('composer.sentMailbox') : t('composer.queued')));
    setSend({ kind: 'done', note });
    props.onSent(r.value, note);
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };

  const tooLong = plan.parts > MAX_PARTS;
  return (
    <form
      className="composer"
      aria-label={props.to === undefined ? t('composer.newTitle') : t('composer.label')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="composer"
    >
      {props.to === undefined && (
        <label className="composer-to">
          <span>{t('composer.to')}</span>
          <input
            type="tel"
            value={to}
            onChange={(e) => changeTo(e.target.value)}
            placeholder={t('composer.toPlaceholder')}
            maxLength={40}
            autoComplete="off"
            autoFocus={props.autoFocus}
            data-testid="composer-to"
          />
        </label>
      )}
      <div className="composer-main">
        <textarea
          ref={textRef}
          className="composer-text"
          aria-label={t('composer.text')}
          aria-describedby={`${id}-counter ${id}-causes`}
          placeholder={t('composer.placeholder')}
          value={text}
          maxLength={MAX_TEXT}
          rows={3}
          dir="auto"
          onChange={(e) => {
            changeText(e.target.value);
            if (send.kind !== 'sending') setSend({ kind: 'idle' });
          }}
          onKeyDown={onKeyDown}
          autoFocus={props.autoFocus && props.to !== undefined}
          data-testid="composer-text"
        />
        <button type="submit" className="primary composer-send" disabled={send.kind === 'sending'} data-testid="composer-send">
          {send.kind === 'sending' ? t('composer.sending') : later ? t('composer.schedule') : t('composer.send')}
        </button>
      </div>
      <p className="composer-counter" id={`${id}-counter`} data-testid="counter">
        <span data-testid="counter-encoding" data-encoding={plan.encoding}>
          {encodingWords(plan.encoding)}
        </span>
        <span aria-hidden="true"> · </span>
        <span data-testid="counter-parts">{tn('composer.parts', plan.parts)}</span>
        <span aria-hidden="true"> · </span>
        <span data-testid="counter-left">{tn('composer.left', plan.remaining)}</span>
        {tooLong && <span className="error"> {t('composer.tooLong', { max: MAX_PARTS })}</span>}
      </p>
      <div className="composer-causes" id={`${id}-causes`}>
        {causes.length > 0 && (
          <p className="ucs2-cause" data-testid="ucs2-cause">
            <span>{t('composer.ucs2Because')}</span>{' '}
            {causes.slice(0, MAX_CAUSES).map((ch) => (
              <kbd key={ch} className="char-chip" title={codePointLabel(ch)} data-testid="ucs2-char">
                {isInvisible(ch) ? codePointLabel(ch) : ch}
              </kbd>
            ))}
            {causes.length > MAX_CAUSES && <span> …</span>}
          </p>
        )}
        {fixed && (
          <button type="button" className="link-button" onClick={replace} data-testid="replace-lookalikes">
            {fixedFits ? t('composer.lookalikes.fits') : t('composer.lookalikes.still')}
          </button>
        )}
      </div>
      <fieldset className="composer-options">
        <legend className="visually-hidden">{t('composer.options')}</legend>
        {hasAccount && (
          <label>
            <span>{t('composer.via')}</span>
            <select value={via} onChange={(e) => setVia(e.target.value as Via)} data-testid="composer-via">
              <option value="auto">{t('composer.via.auto')}</option>
              <option value="sms">{t('composer.via.sms')}</option>
              <option value="mailbox">{t('composer.via.mailbox')}</option>
            </select>
          </label>
        )}
        <label>
          <span>{t('composer.sim')}</span>
          <select value={modemId} onChange={(e) => setModemId(e.target.value)} data-testid="composer-modem">
            <option value="">{t('composer.sim.any')}</option>
            {props.modems.map((m) => (
              <option key={m.id} value={m.id} disabled={m.state !== 'ready'}>
                {modemName(m)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={report} onChange={(e) => setReport(e.target.checked)} data-testid="composer-report" />
          <span>{t('composer.report')}</span>
        </label>
        <label>
          <input type="checkbox" checked={flash} onChange={(e) => setFlash(e.target.checked)} data-testid="composer-flash" />
          <span>{t('composer.flash')}</span>
        </label>
        <label>
          <input type="checkbox" checked={later} onChange={(e) => setLater(e.target.checked)} data-testid="composer-later" />
          <span>{t('composer.later')}</span>
        </label>
        {later && (
          <label>
            <span className="visually-hidden">{t('composer.laterAt')}</span>
            <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} data-testid="composer-at" />
          </label>
        )}
      </fieldset>
      {send.kind === 'error' && (
        <p role="alert" className="error composer-error" data-testid="composer-error">
          {send.reason}
        </p>
      )}
      <p role="status" className="composer-status muted" data-testid="composer-status">
        {send.kind === 'done' ? send.note : replacedNote}
      </p>
    </form>
  );
}
