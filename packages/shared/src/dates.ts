// Days as the partnership reads them, and the rule for the day a quarter's figures are expected.

// Made once, on first use: making a formatter (as toLocaleDateString does each time) costs far more than using one.
let days: Intl.DateTimeFormat | undefined;

/** "2019-10-28" or an ISO timestamp → "28 Oct 2019". */
export function formatDate(isoDate: string): string {
  const date = new Date(isoDate.length === 10 ? `${isoDate}T12:00:00Z` : isoDate);
  // As toLocaleDateString answers; a formatter would throw.
  if (Number.isNaN(date.getTime())) return "Invalid Date";
  return (days ??= new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/London" })).format(date);
}

/** Far enough for figures that lag by a year or more; near enough to catch a mistyped year ("2092"). */
const EXPECTED_WITHIN_YEARS = 2;

/**
 * What is wrong with the day a quarter's figures are expected (all YYYY-MM-DD), or null: it must
 * be after the quarter ends, and no more than two years from today.
 */
export function expectedDateProblem(expected: string, quarterEndDate: string, today: string): string | null {
  if (expected <= quarterEndDate) return `The date the figures are expected must be after ${formatDate(quarterEndDate)}, when the quarter ends`;
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  const latest = new Date(Date.UTC(year + EXPECTED_WITHIN_YEARS, month - 1, day)).toISOString().slice(0, 10);
  if (expected > latest) return `The date the figures are expected must be within ${EXPECTED_WITHIN_YEARS} years from today, by ${formatDate(latest)} at the latest`;
  return null;
}
