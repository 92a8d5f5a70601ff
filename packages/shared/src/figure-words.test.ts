import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mentionsFigure, wordsBesideFigure } from "./figure-words.ts";

describe("wordsBesideFigure", () => {
  it.each([
    ["31.5% (rolling 12 months)", "31.5", "(rolling 12 months)"],
    ["June 18 / June 19 - 47.0%\nThe rate fell by 0.5% compared to 47.5% last year", "47", "June 18 / June 19\nThe rate fell by 0.5% compared to 47.5% last year"],
    ["Police Apr 19 - June 19 - 67 incidents reported compared to 78 last year", "67", "Police Apr 19 - June 19 - incidents reported compared to 78 last year"],
    ["2,424 crimes recorded", "2424", "crimes recorded"],
    ["-3.5 points", "-3.5", "points"],
    ["NDTMS data as at May 19 (baseline 2.75%) -", "2.75", "NDTMS data as at May 19 (baseline)"],
  ])("keeps the words of %j beside %s", (text, figure, expected) => {
    expect(wordsBesideFigure(text, figure)).toBe(expected);
  });

  it.each([["47.0%"], ["47 %"], ["- 47"], ["47\n-"]])("leaves no commentary when %j is only the figure", (text) => {
    expect(wordsBesideFigure(text, "47")).toBeNull();
  });

  it("never takes a longer number for the figure", () => {
    expect(wordsBesideFigure("147 and 47.5 and 4.7 and 1,470", "47")).toBe("147 and 47.5 and 4.7 and 1,470");
  });

  const word = fc.stringMatching(/^[A-Za-z]{1,8}$/);
  const otherNumber = (figure: number) => fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.double({ min: 0, max: 999, noNaN: true }).map((n) => Number(n.toFixed(2)))).filter((n) => n !== figure);
  const textAround = (figure: number) =>
    fc.array(fc.oneof(word, otherNumber(figure).map(String), fc.constantFrom("-", "(", ")", "/", "\n", "%"), fc.constantFrom(`${figure}`, `${figure}%`, `${figure.toFixed(1)}%`, `${figure}.00`)), { maxLength: 25 }).map((pieces) => pieces.join(" "));

  it("leaves words that never write the figure, and loses no other word or number", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }).chain((figure) => fc.tuple(fc.constant(figure), textAround(figure))), ([figure, text]) => {
        const remaining = wordsBesideFigure(text, String(figure)) ?? "";
        expect(mentionsFigure(remaining, String(figure))).toBe(false);
        const tokens = (of: string): string[] => [...(of.match(/[A-Za-z]+|\d+(?:\.\d+)?/g) ?? [])];
        const kept = tokens(remaining);
        const others = tokens(text).filter((token) => !/^\d/.test(token) || Number(token) !== figure);
        // Every other word and number is still there, in the same order.
        let at = 0;
        for (const token of others) {
          at = kept.indexOf(token, at);
          expect(at, `"${token}" kept from ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(0);
          at++;
        }
      }),
    );
  });
});
