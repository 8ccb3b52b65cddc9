/**
 * The signal over time as inline SVG built by React (no HTML strings, no chart library):
 * a step line of +CSQ rssi against time over quality bands, with gaps where no reading was
 * known. A sample holds until the next one, and the last one holds until now.
 */
import { useId } from 'react';
import type { SignalSample } from '../../../../main/contract';
import { formatTime, t } from '../../i18n';
import { signalWords } from './format';

const W = 640;
const H = 180;
const PAD = { left: 44, right: 12, top: 22, bottom: 24 };
const MAX_RSSI = 31;
/** The x axis spans at least this much, so a fresh history is not one stretched step. */
const MIN_SPAN_MS = 5 * 60_000;

/** Quality bands (format.ts signalBand), bottom to top. */
const BANDS = [
  { from: 0, to: 9.5, className: 'band-weak' },
  { from: 9.5, to: 14.5, className: 'band-fair' },
  { from: 14.5, to: 19.5, className: 'band-good' },
  { from: 19.5, to: MAX_RSSI, className: 'band-excellent' },
] as const;
const TICKS = [0, 10, 20, 31] as const;

interface Props {
  readonly samples: readonly SignalSample[] | undefined;
  readonly now: number;
}

export function SignalChart({ samples, now }: Props): React.JSX.Element {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const known = (samples ?? []).filter((s): s is SignalSample & { signal: number } => s.signal !== null);

  if (!samples || samples.length === 0) {
    return (
      <figure className="signal-chart" data-testid="signal-chart">
        <figcaption id={titleId}>{t('chart.title')}</figcaption>
        <p className="muted">{t('chart.empty')}</p>
      </figure>
    );
  }

  const first = Date.parse(samples[0]!.at);
  const end = Math.max(now, Date.parse(samples.at(-1)!.at), first + MIN_SPAN_MS);
  const x = (ms: number): number => PAD.left + ((ms - first) / (end - first)) * (W - PAD.left - PAD.right);
  const y = (rssi: number): number => PAD.top + (1 - rssi / MAX_RSSI) * (H - PAD.top - PAD.bottom);

  // One path of horizontal and vertical steps; a null sample lifts the pen until the next reading.
  const d = stepPath(samples, end, x, y);

  const last = samples.at(-1)!;
  const values = known.map((s) => s.signal);
  const summary =
    values.length === 0
      ? t('chart.empty')
      : t('chart.summary', {
          from: formatTime(samples[0]!.at),
          now: last.signal === null ? t('chart.noData') : signalWords(last.signal),
          min: signalWords(Math.min(...values)),
          max: signalWords(Math.max(...values)),
        });

  return (
    <figure className="signal-chart" data-testid="signal-chart">
      <figcaption id={titleId}>{t('chart.title')}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        data-samples={samples.length}
        data-last-signal={last.signal ?? 'none'}
      >
        <desc id={descId}>{summary}</desc>
        {BANDS.map((b) => (
          <rect
            key={b.className}
            className={b.className}
            x={PAD.left}
            width={W - PAD.left - PAD.right}
            y={y(b.to)}
            height={y(b.from) - y(b.to)}
          />
        ))}
        {TICKS.map((tick) => (
          <g key={tick} className="chart-tick" aria-hidden="true">
            <line x1={PAD.left - 4} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end">
              {String(-113 + 2 * tick).replace('-', '−')}
            </text>
          </g>
        ))}
        <text className="chart-unit" x={PAD.left - 6} y={12} textAnchor="end" aria-hidden="true">
          dBm
        </text>
        <path className="chart-line" d={d} />
        {known.length > 0 && last.signal !== null && <circle className="chart-dot" cx={x(end)} cy={y(last.signal)} r={4} />}
        <g className="chart-tick" aria-hidden="true">
          <text x={PAD.left} y={H - 6}>
            {formatTime(samples[0]!.at)}
          </text>
          <text x={W - PAD.right} y={H - 6} textAnchor="end">
            {t('chart.now')}
          </text>
        </g>
      </svg>
      <p className="chart-summary muted" aria-hidden="true">
        {summary}
      </p>
    </figure>
  );
}

function stepPath(samples: readonly SignalSample[], end: number, x: (ms: number) => number, y: (rssi: number) => number): string {
  const parts: string[] = [];
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    if (s.signal === null) continue;
    const prev = samples[i - 1];
    const next = samples[i + 1];
    const x0 = x(Date.parse(s.at));
    const x1 = x(next ? Date.parse(next.at) : end);
    parts.push(prev && prev.signal !== null ? `V${y(s.signal).toFixed(1)}` : `M${x0.toFixed(1)},${y(s.signal).toFixed(1)}`);
    parts.push(`H${x1.toFixed(1)}`);
  }
  return parts.join(' ');
}
