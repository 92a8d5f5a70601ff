const WIDTH = 240;
const HEIGHT = 60;

/**
 * A small line through the figures that are known; always beside a table or text saying the same.
 * `inverted` draws a lower figure higher: a rank, where 1st is the top and a rise is getting better.
 */
export function Sparkline({ values, inverted = false, width = WIDTH, height = HEIGHT }: { values: (number | null)[]; inverted?: boolean; width?: number; height?: number }) {
  const known = values.map((value, index) => ({ value, index })).filter((point): point is { value: number; index: number } => point.value !== null);
  if (known.length < 2) return null;
  const [low, high] = [Math.min(...known.map((point) => point.value)), Math.max(...known.map((point) => point.value))];
  const x = (index: number) => 4 + (index * (width - 8)) / Math.max(values.length - 1, 1);
  const y = (value: number) => {
    if (high === low) return height / 2;
    const share = (value - low) / (high - low);
    return height - 4 - (inverted ? 1 - share : share) * (height - 8);
  };
  return (
    <svg className="app-sparkline" viewBox={`0 0 ${width} ${height}`} width={width} height={height} aria-hidden="true" focusable="false">
      <polyline fill="none" stroke="currentColor" strokeWidth="2" points={known.map((point) => `${x(point.index)},${y(point.value)}`).join(" ")} />
      {known.map((point) => (
        <circle key={point.index} cx={x(point.index)} cy={y(point.value)} r="3" fill="currentColor" />
      ))}
    </svg>
  );
}
