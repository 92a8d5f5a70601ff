// A cell that both gives a figure and talks about it ("June 18 / June 19 - 47.0%"): once the
// figure is stored as a figure, the commentary keeps only the words beside it, so the report never
// states the same figure twice and no other word of the document is lost.

/** The figure as a document may write it: "47", "47.0", "47.00 %", "2,424" for 2424; never part of a longer number. */
export function writtenFigurePattern(figure: string): RegExp {
  const negative = figure.startsWith("-");
  const [whole = "", fraction = ""] = (negative ? figure.slice(1) : figure).split(".");
  const wholeWritten = whole.replace(/\B(?=(\d{3})+$)/g, ",?");
  const significantFraction = fraction.replace(/0+$/, "");
  const fractionWritten = significantFraction ? `\\.${significantFraction}0*` : "(?:\\.0+)?";
  return new RegExp(`(?<![\\d.]|\\d,)${negative ? "-" : ""}${wholeWritten}${fractionWritten}(?![\\d]|[.,]\\d)(?:\\s*%)?`, "g");
}

/** A line's edges may hold the separators that tied it to the figure ("June 19 - 47.0%"): they go with it. */
const DANGLING_EDGES = /^[\s\-–—:;,/]+|[\s\-–—:;,/]+$/g;

function tidyLine(line: string): string {
  return line.replace(/\(\s*\)/g, "").replace(/\(\s+/g, "(").replace(/\s+\)/g, ")").replace(/[ \t]{2,}/g, " ").replace(DANGLING_EDGES, "");
}

/**
 * The words of `text` that are not `figure`: every way the text writes the figure is taken out,
 * with the separators left hanging at a line's edges; lines left without a letter or digit go.
 * Null when nothing meaningful is left ("47.0%" alone).
 */
export function wordsBesideFigure(text: string, figure: string): string | null {
  const pattern = writtenFigurePattern(figure);
  let remaining = text;
  // Taking one out can leave another written the same way; until none is left.
  for (let before = ""; before !== remaining; ) {
    before = remaining;
    remaining = remaining
      .split("\n")
      .map((line) => {
        const without = line.replace(pattern, " ");
        return without === line ? line : tidyLine(without);
      })
      .filter((line) => /[\p{L}\p{N}]/u.test(line))
      .join("\n");
  }
  return remaining.trim() ? remaining : null;
}

/** True when `text` writes `figure` anywhere. */
export function mentionsFigure(text: string, figure: string): boolean {
  return new RegExp(writtenFigurePattern(figure).source).test(text);
}
