/**
 * The AT console: the modem's live trace (as the core redacted it: PINs and message PDUs
 * hidden), a field for one raw command (modems.at; commands that could break the driver come
 * back as "needs-confirm" and go out only after "Send anyway"), and an export to a text file.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { AtCommandResult, AtRisk, ModemSummary, TraceLine } from '../../../../main/contract';
import { api } from '../../api';
import { t, tn } from '../../i18n';
import { modemName } from './format';
import { useTrace } from './hooks';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'confirm'; command: string; risks: readonly AtRisk[] }
  | { kind: 'done'; command: string; result: Exclude<AtCommandResult, { outcome: 'needs-confirm' }> }
  | { kind: 'failed'; message: string };

function clock(iso: string): string {
  // The trace is for people comparing timings: keep milliseconds, in the viewer's time zone.
  const d = new Date(iso);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** The export: a header, then one line per entry, "> " to the modem, "< " from it. */
export function formatTraceExport(modem: ModemSummary, lines: readonly TraceLine[], at: Date): string {
  const header = t('console.exportHeader', {
    modem: `${modemName(modem)} (IMEI ${modem.imei ?? '?'}, ${modem.port})`,
    at: at.toISOString(),
  });
  return [`# ${header}`, ...lines.map((l) => `${l.at} ${l.dir === 'tx' ? '>' : '<'} ${l.text}`), ''].join('\n');
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference by now; give the browser a moment all the same.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function AtConsole({ modem }: { modem: ModemSummary }): React.JSX.Element {
  const id = useId();
  const trace = useTrace(modem.id);
  const logRef = useRef<HTMLOListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [follow, setFollow] = useState(true);
  const [command, setCommand] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const ready = modem.state === 'ready';

  const lastSeq = trace.lines.at(-1)?.seq;
  useEffect(() => {
    const el = logRef.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [follow, lastSeq]);

  useEffect(() => {
    if (outcome.kind === 'confirm') cancelRef.current?.focus();
  }, [outcome.kind]);

  const send = async (line: string, confirm: boolean): Promise<void> => {
    const text = line.trim();
    if (!text) return;
    setOutcome({ kind: 'sending' });
    const r = await api.call('modems.at', { modemId: modem.id, command: text, ...(confirm ? { confirm: true } : {}) });
    if (!r.ok) setOutcome({ kind: 'failed', message: r.error.message });
    else if (r.value.outcome === 'needs-confirm') setOutcome({ kind: 'confirm', command: text, risks: r.value.risks });
    else {
      setOutcome({ kind: 'done', command: text, result: r.value });
      setCommand('');
    }
    if (r.ok && r.value.outcome !== 'needs-confirm') inputRef.current?.focus();
  };

  const exportTrace = (): void => {
    const now = new Date();
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    download(`smsdesk-at-trace-${modem.imei ?? modem.id}-${stamp}.txt`, formatTraceExport(modem, trace.lines, now));
  };

  return (
    <section className="panel at-console" aria-labelledby={`${id}-heading`} data-testid="at-console">
      <div className="panel-head">
        <h2 id={`${id}-heading`}>{t('console.heading')}</h2>
        <span className="muted small">{tn('console.lines', trace.lines.length)}</span>
        <label className="check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          <span>{t('console.follow')}</span>
        </label>
        <button type="button" onClick={exportTrace} disabled={trace.lines.length === 0} data-testid="trace-export">
          {t('console.export')}
        </button>
      </div>
      <p className="muted small">{t('console.intro')}</p>
      {/* A busy modem writes every few seconds: the log is not announced line by line. */}
      <div role="log" aria-live="off" aria-label={t('console.log')}>
        <ol ref={logRef} className="trace" aria-label={t('console.log')} tabIndex={0} data-testid="trace">
          {trace.lines.length === 0 && <li className="muted">{trace.error ?? t('console.empty')}</li>}
          {trace.lines.map((l) => (
            <li key={l.seq} className={`trace-${l.dir}`}>
              <time dateTime={l.at}>{clock(l.at)}</time>
              <span className="trace-dir" aria-hidden="true">
                {l.dir === 'tx' ? '›' : '‹'}
              </span>
              <span className="sr-only">{l.dir === 'tx' ? t('console.toModem') : t('console.fromModem')}</span>
              <span className="trace-text">{l.text}</span>
            </li>
          ))}
        </ol>
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send(command, false);
        }}
      >
        <label className="field grow">
          <span>{t('console.command')}</span>
          <input
            ref={inputRef}
            className="mono"
            value={command}
            onChange={(e) => setCommand(e.target.value)}
            placeholder="AT+CSQ"
            maxLength={256}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            disabled={!ready || outcome.kind === 'sending'}
            data-testid="at-input"
          />
        </label>
        <button type="submit" className="primary" disabled={!ready || outcome.kind === 'sending' || !/^at/i.test(command.trim())}>
          {outcome.kind === 'sending' ? t('console.sending') : t('console.send')}
        </button>
      </form>
      {!ready && <p className="muted small">{t('console.notReady')}</p>}
      {outcome.kind === 'confirm' && (
        <div className="confirm" role="alert" data-testid="at-confirm">
          <p className="confirm-title">{t('console.confirm.title')}</p>
          <p>{t('console.confirm.body', { command: outcome.command })}</p>
          <ul>
            {outcome.risks.map((r) => (
              <li key={r}>{t(`console.risk.${r}`)}</li>
            ))}
          </ul>
          <div className="dialog-actions">
            <button ref={cancelRef} type="button" onClick={() => setOutcome({ kind: 'idle' })}>
              {t('console.confirm.cancel')}
            </button>
            <button type="button" className="danger" onClick={() => void send(outcome.command, true)}>
              {t('console.confirm.send')}
            </button>
          </div>
        </div>
      )}
      <div role="status" className="at-result" data-testid="at-result">
        {outcome.kind === 'done' && outcome.result.outcome === 'ok' && (
          <>
            <p>{t('console.ok')}</p>
            {outcome.result.lines.length > 0 && <pre className="mono">{outcome.result.lines.join('\n')}</pre>}
          </>
        )}
        {outcome.kind === 'done' && outcome.result.outcome === 'error' && (
          <p className="error">{t('console.error', { message: outcome.result.message })}</p>
        )}
        {outcome.kind === 'failed' && <p className="error">{t('common.error', { reason: outcome.message })}</p>}
      </div>
    </section>
  );
}
