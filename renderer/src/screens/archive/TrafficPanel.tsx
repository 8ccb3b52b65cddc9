/**
 * The traffic dashboard: messages per day in and out (a chart, and the same numbers as a table),
 * per modem, and the delivery rate, over the last 7, 30 or 90 days. Counted again whenever
 * `revision` changes (after an import).
 */
import { useEffect, useId, useState } from 'react';
import type { ContractError, ModemTrafficView, TrafficQuery, TrafficStatsView } from '../../../../main/contract';
import { api } from '../../api';
import { t } from '../../i18n';
import { TrafficChart } from './TrafficChart';
import { count, day, percent } from './format';

type Days = TrafficQuery['days'];
const RANGES: readonly Days[] = [7, 30, 90];

type Loaded = { key: string; stats: TrafficStatsView } | { key: string; error: ContractError };

export function TrafficPanel({ revision }: { revision: number }): React.JSX.Element {
  const id = useId();
  const [days, setDays] = useState<Days>(30);
  const [showTable, setShowTable] = useState(false);
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  const key = `${days}:${revision}`;

  useEffect(() => {
    let live = true;
    void api.call('archive.traffic', { days, utcOffsetMinutes: -new Date().getTimezoneOffset() }).then((r) => {
      if (live) setLoaded(r.ok ? { key, stats: r.value } : { key, error: r.error });
    });
    return () => {
      live = false;
    };
  }, [days, key]);

  // While a new count loads, the previous one stays on screen.
  const stats = loaded && 'stats' in loaded ? loaded.stats : undefined;

  return (
    <section className="panel archive-traffic" aria-labelledby={`${id}-title`} data-testid="traffic-panel" aria-busy={loaded?.key !== key}>
      <div className="panel-head">
        <h2 id={`${id}-title`}>{t('archive.traffic.heading')}</h2>
        <div className="field inline">
          <label htmlFor={`${id}-range`}>{t('archive.traffic.range')}</label>
          <select
            id={`${id}-range`}
            value={days}
            data-testid="traffic-range"
            onChange={(e) => setDays(Number(e.currentTarget.value) as Days)}
          >
            {RANGES.map((n) => (
              <option key={n} value={n}>
                {t(`archive.traffic.days${n}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {loaded && 'error' in loaded && <p role="alert">{t('common.error', { reason: loaded.error.message })}</p>}
      {!stats && !(loaded && 'error' in loaded) && <p className="muted">{t('archive.traffic.loading')}</p>}
      {stats && <Dashboard stats={stats} showTable={showTable} onToggleTable={() => setShowTable((v) => !v)} />}
    </section>
  );
}

function Dashboard({
  stats,
  showTable,
  onToggleTable,
}: {
  stats: TrafficStatsView;
  showTable: boolean;
  onToggleTable: () => void;
}): React.JSX.Element {
  const id = useId();
  const { totals } = stats;
  const first = stats.days[0];
  const last = stats.days.at(-1);
  const from = first ? day(first.date) : '';
  const to = last ? day(last.date) : '';
  const busiest = stats.days.reduce<(typeof stats.days)[number] | undefined>(
    (best, d) => (!best || d.in + d.out > best.in + best.out ? d : best),
    undefined,
  );
  const summary =
    !busiest || busiest.in + busiest.out === 0
      ? t('archive.traffic.chartEmpty', { from, to })
      : t('archive.traffic.chartSummary', {
          in: count(totals.in),
          out: count(totals.out),
          from,
          to,
          day: day(busiest.date),
          count: count(busiest.in + busiest.out),
        });

  return (
    <>
      <dl className="traffic-figures" data-testid="traffic-figures">
        <div>
          <dt>{t('archive.traffic.in')}</dt>
          <dd data-testid="traffic-in">{count(totals.in)}</dd>
        </div>
        <div>
          <dt>{t('archive.traffic.out')}</dt>
          <dd data-testid="traffic-out">{count(totals.out)}</dd>
        </div>
        <div>
          <dt>{t('archive.traffic.rate')}</dt>
          <dd data-testid="traffic-rate">
            {totals.withReport === 0 ? (
              <span className="muted">{t('archive.traffic.noRate')}</span>
            ) : (
              <>
                {percent(totals.delivered, totals.withReport)}{' '}
                <span className="muted small">{t('archive.traffic.rateOf', { count: count(totals.withReport) })}</span>
              </>
            )}
          </dd>
        </div>
      </dl>
      <figure className="traffic-figure">
        <figcaption>{t('archive.traffic.chart')}</figcaption>
        <TrafficChart days={stats.days} summary={summary} />
      </figure>
      <button
        type="button"
        className="link"
        aria-expanded={showTable}
        aria-controls={`${id}-days`}
        onClick={onToggleTable}
        data-testid="traffic-table-toggle"
      >
        {showTable ? t('archive.traffic.hideTable') : t('archive.traffic.showTable')}
      </button>
      <div
        id={`${id}-days`}
        className="archive-table-wrap"
        hidden={!showTable}
        // A box that may scroll is reachable by keyboard, and named for it.
        tabIndex={0}
        role="region"
        aria-label={t('archive.traffic.perDay')}
      >
        {showTable && (
          <table className="archive-table compact" data-testid="traffic-days">
            <caption>{t('archive.traffic.perDay')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('archive.traffic.col.day')}</th>
                <th scope="col">{t('archive.traffic.in')}</th>
                <th scope="col">{t('archive.traffic.out')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.days.map((d) => (
                <tr key={d.date} data-date={d.date} data-testid="traffic-day">
                  <th scope="row">{day(d.date)}</th>
                  <td className="num">{count(d.in)}</td>
                  <td className="num">{count(d.out)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <ModemTable modems={stats.modems} totals={totals} />
    </>
  );
}

function modemName(m: ModemTrafficView): string {
  if (m.channel === 'mailbox') return t('archive.traffic.mailbox');
  return m.name ?? t('archive.traffic.noModem');
}

function ModemTable({ modems, totals }: { modems: readonly ModemTrafficView[]; totals: TrafficStatsView['totals'] }): React.JSX.Element {
  const rate = (r: { delivered: number; withReport: number }): string => (r.withReport === 0 ? '–' : percent(r.delivered, r.withReport));
  if (modems.length === 0) return <p className="muted">{t('archive.traffic.none')}</p>;
  return (
    <div className="archive-table-wrap" tabIndex={0} role="region" aria-label={t('archive.traffic.perModem')}>
      <table className="archive-table" data-testid="traffic-modems">
        <caption>{t('archive.traffic.perModem')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('archive.traffic.col.modem')}</th>
            <th scope="col">{t('archive.traffic.in')}</th>
            <th scope="col">{t('archive.traffic.out')}</th>
            <th scope="col">{t('archive.traffic.col.delivered')}</th>
            <th scope="col">{t('archive.traffic.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {modems.map((m) => (
            <tr key={`${m.channel}:${m.imei ?? m.name ?? ''}`} data-testid="traffic-modem">
              <th scope="row">{modemName(m)}</th>
              <td className="num">{count(m.in)}</td>
              <td className="num">{count(m.out)}</td>
              <td className="num">{count(m.delivered)}</td>
              <td className="num">{rate(m)}</td>
            </tr>
          ))}
        </tbody>
        {modems.length > 1 && (
          <tfoot>
            <tr>
              <th scope="row">{t('archive.traffic.total')}</th>
              <td className="num">{count(totals.in)}</td>
              <td className="num">{count(totals.out)}</td>
              <td className="num">{count(totals.delivered)}</td>
              <td className="num">{rate(totals)}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
