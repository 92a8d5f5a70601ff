/** Today (or `at`) as YYYY-MM-DD in the partnership's time zone: due dates are days in England. */
export function londonDate(at = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
