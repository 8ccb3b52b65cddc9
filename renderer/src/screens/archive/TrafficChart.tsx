/**
 * Messages per day, received and sent, drawn by uPlot on a canvas. A canvas says nothing to a
 * screen reader: the chart is one image named by a summary, and TrafficPanel shows the same
 * numbers as a table. uPlot sets its sizes through element.style (CSSOM), which the page's
 * CSP (style-src 'self') allows; its stylesheet is bundled with ours.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DayTrafficView } from '../../../../main/contract';
import { t } from '../../i18n';

const HEIGHT = 220;

interface Props {
  readonly days: readonly DayTrafficView[];
  /** What the chart shows, in words (its accessible name). */
  readonly summary: string;
}

export function TrafficChart({ days, summary }: Props): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const css = getComputedStyle(el);
    const color = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
    const fg = color('--muted', '#5b6470');
    const grid = color('--border', '#d8dde3');
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const data: uPlot.AlignedData = [days.map((d) => Date.parse(d.start) / 1000), days.map((d) => d.in), days.map((d) => d.out)];
    const line = (label: string, stroke: string): uPlot.Series => ({
      label,
      stroke,
      width: 2,
      points: { show: days.length <= 31, size: 5 },
    });
    const plot = new uPlot(
      {
        width: Math.max(el.clientWidth, 200),
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
        axes: [axis, { ...axis, values: (_u, ticks) => ticks.map((v) => (Number.isInteger(v) ? String(v) : '')) }],
        series: [
          {},
          line(t('archive.traffic.in'), color('--archive-in', '#1769e0')),
          line(t('archive.traffic.out'), color('--archive-out', '#b45309')),
        ],
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 200), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days]);

  return (
    <div className="traffic-chart-box">
      <div ref={box} className="traffic-chart" role="img" aria-label={summary} data-testid="traffic-chart" />
      <p className="traffic-legend" aria-hidden="true">
        <span className="swatch swatch-in" /> {t('archive.traffic.in')} <span className="swatch swatch-out" /> {t('archive.traffic.out')}
      </p>
    </div>
  );
}
