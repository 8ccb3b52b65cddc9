/**
 * SMS notices of waiting mailbox messages (the server's rules): each rule in words with a
 * Remove button, and a form to add one. The time window is the person's local time; the
 * rule carries their current offset from UTC.
 */
import { useEffect, useId, useState } from 'react';
import type { AccountNoticeRule, ContractError } from '../../../../main/contract';
import { api } from '../../api';
import { t } from '../../i18n';
import { ErrorNote } from './ErrorNote';
import { clockOf, minutesOf, numbersOf, utcOffsetNow } from './rules';

const MAX_RULES = 10;

function ruleWords(rule: AccountNoticeRule): string {
  const from = rule.from.length === 0 ? t('account.rules.anyone') : t('account.rules.from', { numbers: rule.from.join(', ') });
  const window =
    rule.windowStartMin === rule.windowEndMin
      ? t('account.rules.allDay')
      : t('account.rules.window', { start: clockOf(rule.windowStartMin), end: clockOf(rule.windowEndMin) });
  return t('account.rules.summary', { count: rule.minUnread, from, window, cap: rule.dailyCap });
}

export function RulesPanel(): React.JSX.Element {
  const id = useId();
  const [rules, setRules] = useState<AccountNoticeRule[] | undefined>(undefined);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [from, setFrom] = useState('');
  const [start, setStart] = useState('08:00');
  const [end, setEnd] = useState('20:00');
  const [minUnread, setMinUnread] = useState('1');
  const [cap, setCap] = useState('5');
  const [working, setWorking] = useState(false);

  useEffect(() => {
    let live = true;
    void api.call('account.rules', null).then((r) => {
      if (!live) return;
      if (r.ok) setRules(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, []);

  const settle = (r: Awaited<ReturnType<typeof api.call<'account.rules'>>>): void => {
    if (r.ok) {
      setError(undefined);
      setRules(r.value);
    } else setError(r.error);
  };

  const add = async (): Promise<void> => {
    const rule: AccountNoticeRule = {
      from: numbersOf(from),
      windowStartMin: minutesOf(start) ?? 0,
      windowEndMin: minutesOf(end) ?? 0,
      utcOffsetMin: utcOffsetNow(),
      minUnread: Math.min(1000, Math.max(1, Math.trunc(Number(minUnread)) || 1)),
      dailyCap: Math.min(20, Math.max(1, Math.trunc(Number(cap)) || 1)),
    };
    setWorking(true);
    const r = await api.call('account.addRule', rule);
    setWorking(false);
    settle(r);
    if (r.ok) setFrom('');
  };

  const remove = async (index: number): Promise<void> => settle(await api.call('account.removeRule', { index }));

  const full = (rules?.length ?? 0) >= MAX_RULES;
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="account-rules">
      <h2 id={`${id}-h`}>{t('account.rules.heading')}</h2>
      <p className="muted">{t('account.rules.intro')}</p>
      {rules === undefined && error === undefined && <p className="muted">{t('account.rules.loading')}</p>}
      {rules?.length === 0 && <p>{t('account.rules.none')}</p>}
      {rules !== undefined && rules.length > 0 && (
        <ol className="account-list" aria-label={t('account.rules.label')}>
          {rules.map((rule, index) => (
            <li key={`${index}-${JSON.stringify(rule)}`} data-testid="account-rule">
              <span>{ruleWords(rule)}</span>
              <button type="button" aria-label={t('account.rules.remove', { index: index + 1 })} onClick={() => void remove(index)}>
                {t('account.rules.removeShort')}
              </button>
            </li>
          ))}
        </ol>
      )}
      {rules !== undefined && (
        <form
          className="account-rule-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!working && !full) void add();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('account.rules.fromLabel')}</label>
            <input id={`${id}-from`} type="text" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="account-rule-from" />
          </div>
          <div className="inline-form">
            <div className="field">
              <label htmlFor={`${id}-start`}>{t('account.rules.startLabel')}</label>
              <input id={`${id}-start`} type="time" value={start} onChange={(e) => setStart(e.target.value)} required />
            </div>
            <div className="field">
              <label htmlFor={`${id}-end`}>{t('account.rules.endLabel')}</label>
              <input id={`${id}-end`} type="time" value={end} onChange={(e) => setEnd(e.target.value)} required />
            </div>
            <div className="field">
              <label htmlFor={`${id}-unread`}>{t('account.rules.minUnreadLabel')}</label>
              <input
                id={`${id}-unread`}
                type="number"
                min={1}
                max={1000}
                value={minUnread}
                onChange={(e) => setMinUnread(e.target.value)}
                required
                data-testid="account-rule-unread"
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-cap`}>{t('account.rules.capLabel')}</label>
              <input id={`${id}-cap`} type="number" min={1} max={20} value={cap} onChange={(e) => setCap(e.target.value)} required />
            </div>
            <button type="submit" disabled={working || full} data-testid="account-rule-add">
              {working ? t('account.rules.adding') : t('account.rules.add')}
            </button>
          </div>
          {full && <p className="muted small">{t('account.rules.full')}</p>}
        </form>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
