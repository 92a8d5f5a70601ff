import type { ReportingRate } from "@quarterly-returns/shared";

const WIDTH = 260;
const BAR_TOP = 22;
const BAR_HEIGHT = 60;
const LABEL_Y = BAR_TOP + BAR_HEIGHT + 16;

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** What a quarter's bar says, in words: "Q2 2019/20: 64%, 14 of 22 returns in". */
export function describeRate(rate: ReportingRate): string {
  if (rate.quarter.status === "PLANNED") return `${rate.quarter.name}: not open yet`;
  return `${rate.quarter.name}: ${percent(rate.rate)}, ${rate.received} of ${rate.expected} returns in`;
}

/** The reporting rate of each quarter of the year as bars, each with its figure written on it (as DHIS2 charts them). */
export function ReportingRateChart({ rates, currentQuarterId }: { rates: ReportingRate[]; currentQuarterId: number }) {
  const slot = WIDTH / Math.max(rates.length, 1);
  const barWidth = slot * 0.6;
  return (
    <figure className="app-rates" data-testid="reporting-rates">
      <figcaption className="app-rates__caption">Reporting rate by quarter</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${LABEL_Y + 4}`} className="app-rates__chart" role="img" aria-label={`Reporting rate by quarter. ${rates.map(describeRate).join(". ")}.`}>
        <line x1="0" x2={WIDTH} y1={BAR_TOP + BAR_HEIGHT} y2={BAR_TOP + BAR_HEIGHT} className="app-rates__axis" />
        {rates.map((rate, index) => {
          const x = index * slot + (slot - barWidth) / 2;
          const height = rate.quarter.status === "PLANNED" ? 0 : Math.max(rate.rate * BAR_HEIGHT, 1);
          const current = rate.quarter.id === currentQuarterId;
          return (
            <g key={rate.quarter.id}>
              <rect x={x} y={BAR_TOP + BAR_HEIGHT - height} width={barWidth} height={height} className={current ? "app-rates__bar app-rates__bar--current" : "app-rates__bar"} />
              <text x={x + barWidth / 2} y={BAR_TOP + BAR_HEIGHT - height - 5} textAnchor="middle" className="app-rates__value">
                {rate.quarter.status === "PLANNED" ? "–" : percent(rate.rate)}
              </text>
              <text x={x + barWidth / 2} y={LABEL_Y} textAnchor="middle" className={current ? "app-rates__label app-rates__label--current" : "app-rates__label"}>
                Q{rate.quarter.number}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
