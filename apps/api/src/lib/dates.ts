/** A date column (no time of day) as YYYY-MM-DD. */
export const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** "14 Aug 2019", as people write dates in messages. */
export const longDate = (date: Date) =>
  date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/London" });
