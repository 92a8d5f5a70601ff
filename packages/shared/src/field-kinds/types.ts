// What a kind of field is: how a value of it is read (typed or sent), checked, stored, written
// in words, and entered. One module per kind (count.ts, decimal.ts …); a new kind is one new
// module, plus the enum in prisma/schema.prisma and the database's check of its values.
import type { FieldKind } from "../enums.ts";
import type { FieldDeclaration, FieldValue } from "../fields.ts";

/** A value as the API receives it, before it is read: a typed figure, text, or a rank's two parts. */
export type RawValue = string | number | null | { position: string | number | null; outOf: string | number | null };

/** A value read and checked, as stored: an exact decimal string (with a rank's "out of"), or text. */
export type StoredValue = { number: string; outOf?: number } | { text: string };

/** A value's columns in the database. */
export interface ValueRow {
  number: { toString(): string } | null;
  outOf: number | null;
  text: string | null;
}

/** Says what is wrong with a value; `part` names the part of a rank ("position", "outOf"). */
export type Problem = (message: string, part?: "position" | "outOf") => void;

export interface FieldKindModule {
  kind: FieldKind;
  /** What the framework editor calls it. */
  name: string;
  /** It holds a figure: compared with last year, checked against an expected range, charted, trended. */
  numeric: boolean;
  /** A value as sent or typed, checked; undefined when empty or wrong (`problem` says why). */
  read(field: FieldDeclaration, raw: RawValue, problem: Problem): StoredValue | undefined;
  /** The figure of the same quarter last year, for a numeric kind compared with it. */
  readFigure(field: FieldDeclaration, raw: string | number, problem: Problem, label: string): string | undefined;
  /** A stored value as the contract carries it. */
  fromRow(row: ValueRow): FieldValue | undefined;
  /** The value in words, as the report and every page write it: "72.6%", "2,424 ASB incidents", "Ranked 9th out of 15". */
  format(field: FieldDeclaration, value: FieldValue): string;
  /** A figure of this kind alone, as the report writes one ("72.6%", "2,767"), for comparisons. */
  formatFigure(figure: string): string;
  /** What a difference between two figures is counted in: "" or " percentage points". */
  differenceUnit: string;
  /** The figure a value gives the trend and the chart (a rank's position); null for text. */
  figureOf(value: FieldValue): string | null;
  /** A rank rises as it worsens: a neutral indicator is then read as lower-is-better. */
  lowerIsBetter: boolean;
  /**
   * The input: one box for a figure or words, or a rank's two (position, "out of"); its hint; the
   * keyboard a phone shows; and what is written after the box.
   */
  input: { layout: "figure" | "rank" | "text"; hint(field: FieldDeclaration): string | undefined; inputMode: "numeric" | "decimal" | "text"; suffix?: string };
}
