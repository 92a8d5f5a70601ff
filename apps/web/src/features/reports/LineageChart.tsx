import type { ReportYearFigures } from "@quarterly-returns/shared";

/** A quarter's width: narrower as years are added, so a long lineage keeps the trend column narrow. */
const quarterWidth = (years: number) => Math.max(10, Math.min(18, 216 / (years * 4)));
const PLOT_TOP = 4;
const PLOT_HEIGHT = 26;
const LABEL_LINE = PLOT_TOP + PLOT_HEIGHT + 12;
const HEIGHT = LABEL_LINE + 2;
/** A shape per year, so the years are told apart without colour. */
const MARKERS = ["circle", "square", "triangle", "diamond"] as const;

const figureText = (figure: number | null) => (figure === null ? "no figure" : figure.toLocaleString("en-GB"));

/** "2018/19: Q1 130, Q2 125, Q3 no figure, Q4 110. 2019/20: …": the chart in words, for screen readers. */
export function lineageChartText(years: ReportYearFigures[]): string {
  return years.map(({ year, chart }) => `${year}: ${chart.map((figure, index) => `Q${index + 1} ${figureText(figure)}`).join(", ")}.`).join(" ");
}

function Marker({ shape, x, y }: { shape: (typeof MARKERS)[number]; x: number; y: number }) {
  if (shape === "circle") return <circle cx={x} cy={y} r="3" fill="currentColor" />;
  if (shape === "square") return <rect x={x - 3} y={y - 3} width="6" height="6" fill="currentColor" />;
  if (shape === "triangle") return <polygon points={`${x},${y - 4} ${x + 4},${y + 3} ${x - 4},${y + 3}`} fill="currentColor" />;
  return <polygon points={`${x},${y - 4} ${x + 4},${y} ${x},${y + 4} ${x - 4},${y}`} fill="currentColor" />;
}

/**
 * The headline figure of every quarter of every year an indicator has, oldest first: a line with a
 * marker shape per year, each year's quarters under its label, a rule between years. `inverted`
 * draws a lower figure higher (a rank, where 1st is the top). Nothing when fewer than two figures.
 */
export function LineageChart({ years, inverted = false }: { years: ReportYearFigures[]; inverted?: boolean }) {
  const points = years.flatMap(({ chart }, yearIndex) =>
    chart.map((value, quarter) => ({ value, yearIndex, slot: yearIndex * 4 + quarter })).filter((point): point is { value: number; yearIndex: number; slot: number } => point.value !== null),
  );
  if (points.length < 2) return null;
  const values = points.map((point) => point.value);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const step = quarterWidth(years.length);
  const width = years.length * 4 * step;
  const x = (slot: number) => slot * step + step / 2;
  const y = (value: number) => {
    if (high === low) return PLOT_TOP + PLOT_HEIGHT / 2;
    const share = (value - low) / (high - low);
    return PLOT_TOP + PLOT_HEIGHT - (inverted ? 1 - share : share) * PLOT_HEIGHT;
  };
  return (
    <div className="app-lineage-chart">
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} width={width} height={HEIGHT} aria-hidden="true" focusable="false">
        {years.slice(1).map((_, index) => (
          <line key={index} className="app-lineage-chart__boundary" x1={(index + 1) * 4 * step} x2={(index + 1) * 4 * step} y1="0" y2={HEIGHT} />
        ))}
        {years.map(({ year }, index) => (
          <text key={year} x={(index * 4 + 2) * step} y={LABEL_LINE} textAnchor="middle" className="app-lineage-chart__year">{year}</text>
        ))}
        <polyline fill="none" stroke="currentColor" strokeWidth="2" points={points.map((point) => `${x(point.slot)},${y(point.value)}`).join(" ")} />
        {points.map((point) => <Marker key={point.slot} shape={MARKERS[(years.length - 1 - point.yearIndex) % MARKERS.length]!} x={x(point.slot)} y={y(point.value)} />)}
      </svg>
      <span className="govuk-visually-hidden">Headline figure by quarter. {lineageChartText(years)}</span>
    </div>
  );
}
