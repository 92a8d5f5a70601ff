import { describe, expect, it } from "vitest";
import { matchOrganisation, parseReportDocument, readDocumentCell } from "./report-document.ts";

const row = (...cells: string[]) => cells.join("\t");

describe("parseReportDocument", () => {
  it("reads both heading styles, header rows, continuation lines and filled-down owners", () => {
    const text = [
      "",
      row("Year 3 - April 2019 to March 2020", "", ""),
      row("Priority 1", "REDUCE REOFFENDING", ""),
      row("Outcome", "Fewer people re-offending", ""),
      row("Ref", "Activities", "Data Collation", "Quarter 1 Update", "Quarter 2 Update", "Quarter 3 Update", "Quarter 4 Update", "Trend/RAG"),
      row("1.1", "Monitor reoffenders", "Cleveland Police IOM Unit - Zoe Green", "118 crimes", "97 crimes", "", "", ""),
      row("", "Monitor the average", "", "2.8", "No data provided", "", "", ""),
      "",
      row("Priority 2", ""),
      row("PROTECTING PEOPLE", ""),
      row("Outcome", ""),
      row("Right services", ""),
      row("ref", "activities to support this priority", "data collation", "q1", "q2", "q3", "q4", "Trend"),
      row("2.2", "Repeat rate", "Cleveland Police", "47.0%", "43.5%", "", "", "—"),
      row("", "", "", "decreased by 0.5%", "decreased by 3.1%", "", "", ""),
      row("4.1 RESTRICTED", "IQUANTA", "SBC Community Protection Services", "Ranked 9th out of 15", "", "", "", ""),
    ].join("\r\n");

    const document = parseReportDocument(text);

    expect(document.title).toBe("Year 3 - April 2019 to March 2020");
    expect(document.priorities.map(({ number, title, outcome }) => ({ number, title, outcome }))).toEqual([
      { number: 1, title: "REDUCE REOFFENDING", outcome: "Fewer people re-offending" },
      { number: 2, title: "PROTECTING PEOPLE", outcome: "Right services" },
    ]);
    const [first, second] = document.priorities;
    expect(first!.lines).toEqual([
      {
        ref: "1.1", continuation: false, restricted: false, title: "Monitor reoffenders",
        collation: "Cleveland Police IOM Unit - Zoe Green", quarters: ["118 crimes", "97 crimes", "", ""], trend: "", line: 6,
      },
      {
        ref: "1.1", continuation: true, restricted: false, title: "Monitor the average",
        collation: "Cleveland Police IOM Unit - Zoe Green", quarters: ["2.8", "No data provided", "", ""], trend: "", line: 7,
      },
    ]);
    expect(second!.lines[0]!.quarters).toEqual(["47.0%\ndecreased by 0.5%", "43.5%\ndecreased by 3.1%", "", ""]);
    expect(second!.lines[0]!.trend).toBe("—");
    expect(second!.lines[1]).toMatchObject({ ref: "4.1", restricted: true, title: "IQUANTA" });
  });

  it("names the row of a continuation that continues nothing", () => {
    const text = [row("Priority 1", "T"), row("Outcome", "O"), row("", "", "", "orphan text")].join("\n");
    expect(() => parseReportDocument(text)).toThrow("line 3: a row before the header row of Priority 1's table");
  });
});

describe("readDocumentCell", () => {
  it.each([
    ["", { state: "MISSING" }],
    ["No data provided", { state: "NO_DATA", reason: "NOT_PROVIDED", phrase: "No data provided" }],
    ["No date provided", { state: "NO_DATA", reason: "NOT_PROVIDED", phrase: "No date provided" }],
    ["No update provided", { state: "NO_DATA", reason: "NOT_PROVIDED", phrase: "No update provided" }],
    ["No further update available", { state: "NO_DATA", reason: "NO_UPDATE", phrase: "No further update available" }],
    ["No data available until 28/10/19", { state: "NO_DATA", reason: "NOT_YET_AVAILABLE", availableFrom: "2019-10-28", phrase: "No data available until 28/10/19" }],
    ["No data available until 3/2/2020", { state: "NO_DATA", reason: "NOT_YET_AVAILABLE", availableFrom: "2020-02-03", phrase: "No data available until 3/2/2020" }],
    [
      "YOT data not released in line with SSP requirements.",
      { state: "NO_DATA", reason: "NOT_RELEASED", explanation: "YOT data not released in line with SSP requirements." },
    ],
    ["72.6%", { state: "SUBMITTED", text: "72.6%" }],
  ])("reads %j", (cell, expected) => {
    expect(readDocumentCell(cell)).toEqual(expected);
  });
});

describe("matchOrganisation", () => {
  const organisations = [
    { name: "Cleveland Police", shortName: "Police" },
    { name: "Cleveland Police IOM Unit", shortName: "IOM" },
    { name: "Office of the PCC", shortName: "PCC" },
  ];

  it("prefers the longest name the cell starts with, then a short name", () => {
    expect(matchOrganisation("Cleveland Police IOM Unit - Zoe Green", organisations)?.shortName).toBe("IOM");
    expect(matchOrganisation("Cleveland Police", organisations)?.shortName).toBe("Police");
    expect(matchOrganisation("Office of PCC - Becky Childs", organisations)?.shortName).toBe("PCC");
    expect(matchOrganisation("Someone else", organisations)).toBeUndefined();
  });
});
