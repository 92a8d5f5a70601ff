// Figures as people type them ("2,424", "72.6%", " 15 ") become exact decimal strings ("2424",
// "72.6"); no float ever holds a figure, so nothing is rounded on its way to the database.

const MAX_INTEGER_DIGITS = 14;
export const MAX_DECIMAL_PLACES = 6;

/** `notANumber`: words rather than a number, so a kind can say what number it takes. */
export type FigureParse = { value: string } | { error: string; notANumber?: true };

export function parseFigure(input: string | number): FigureParse {
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return { error: "must be a number", notANumber: true };
    input = String(input);
  }
  const typed = input.trim().replace(/%$/, "").trim();
  if (!typed) return { error: "is empty" };
  // Thousands separators only where they separate thousands: "2,424" but not "2,4".
  const withoutSeparators = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(typed) ? typed.replace(/,/g, "") : typed;
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(withoutSeparators);
  if (!match) return { error: "must be a number, like 2,424 or 72.6", notANumber: true };
  const [, minus = "", whole = "", fraction = ""] = match;
  const integer = whole.replace(/^0+(?=\d)/, "");
  if (integer.length > MAX_INTEGER_DIGITS) return { error: "is too large" };
  if (fraction.length > MAX_DECIMAL_PLACES) return { error: `must have ${MAX_DECIMAL_PLACES} decimal places or fewer` };
  const isZero = /^0+$/.test(integer) && /^0*$/.test(fraction);
  return { value: `${isZero ? "" : minus}${integer}${fraction ? `.${fraction}` : ""}` };
}

/** Compares two exact decimal strings: negative, zero or positive, like a sort comparator. */
export function compareFigures(a: string, b: string): number {
  const scale = (figure: string) => {
    const [whole = "0", fraction = ""] = figure.replace("-", "").split(".");
    return { negative: figure.startsWith("-"), whole, fraction: fraction.padEnd(MAX_DECIMAL_PLACES, "0") };
  };
  const left = scale(a);
  const right = scale(b);
  if (left.negative !== right.negative) return left.negative ? -1 : 1;
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const magnitude =
    left.whole.length !== right.whole.length
      ? left.whole.length - right.whole.length
      : order(left.whole, right.whole) || order(left.fraction, right.fraction);
  return left.negative ? -magnitude : magnitude;
}

export const isWholeNumber = (figure: string) => !figure.includes(".") || /\.0+$/.test(figure);

const SCALE = 10n ** BigInt(MAX_DECIMAL_PLACES);

function toScaled(figure: string): bigint {
  const negative = figure.startsWith("-");
  const [whole = "0", fraction = ""] = figure.replace("-", "").split(".");
  const scaled = BigInt(whole) * SCALE + BigInt(fraction.padEnd(MAX_DECIMAL_PLACES, "0").slice(0, MAX_DECIMAL_PLACES));
  return negative ? -scaled : scaled;
}

function fromScaled(scaled: bigint): string {
  const negative = scaled < 0n;
  const magnitude = negative ? -scaled : scaled;
  const whole = magnitude / SCALE;
  const fraction = (magnitude % SCALE).toString().padStart(MAX_DECIMAL_PLACES, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

export interface Change {
  /** current − previous, exactly ("-343"). */
  difference: string;
  /** The change as a percentage of the previous figure, to one decimal place; null from zero. */
  percent: number | null;
}

/** The change from `previous` to `current`: computed, never typed. */
export function change(current: string, previous: string): Change {
  const now = toScaled(current);
  const before = toScaled(previous);
  const difference = now - before;
  // Rounded half away from zero to one decimal place, in exact integer arithmetic.
  const percent =
    before === 0n ? null : Number((difference * 2000n + (difference >= 0n ? 1n : -1n) * (before < 0n ? -before : before)) / (2n * (before < 0n ? -before : before))) / 10;
  return { difference: fromScaled(difference), percent };
}

/** "2,424" or "72.6": a figure as people read it, with thousands separators. */
export function formatFigure(figure: string): string {
  const negative = figure.startsWith("-");
  const [whole = "0", fraction] = figure.replace("-", "").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "−" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

/** "+12.4%", "−12.4%", "0%". */
export function formatPercentChange(percent: number): string {
  const sign = percent > 0 ? "+" : percent < 0 ? "−" : "";
  return `${sign}${Math.abs(percent).toFixed(1).replace(/\.0$/, "")}%`;
}
