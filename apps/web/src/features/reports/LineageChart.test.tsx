// @vitest-environment happy-dom
import { cleanup, render } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { LineageChart } from "./LineageChart.tsx";

afterEach(cleanup);

const years = [
  { year: "2018/19", chart: [2767, 2825, 2304, null] },
  { year: "2019/20", chart: [2424, 2319, 1728, null] },
];

it("says every quarter's figure of every year in words, for screen readers", () => {
  const { container } = render(<LineageChart years={years} />);
  expect(container.querySelector(".govuk-visually-hidden")?.textContent).toBe(
    "Headline figure by quarter. 2018/19: Q1 2,767, Q2 2,825, Q3 2,304, Q4 no figure. 2019/20: Q1 2,424, Q2 2,319, Q3 1,728, Q4 no figure.",
  );
  expect(container.querySelector("svg")?.getAttribute("aria-hidden")).toBe("true");
});

it("labels each year and rules the boundary between them, with a marker shape per year", () => {
  const { container } = render(<LineageChart years={years} />);
  expect([...container.querySelectorAll("text")].map((label) => label.textContent)).toEqual(["2018/19", "2019/20"]);
  expect(container.querySelectorAll(".app-lineage-chart__boundary")).toHaveLength(1);
  expect(container.querySelectorAll("circle")).toHaveLength(3);
  expect(container.querySelectorAll("rect")).toHaveLength(3);
});

it("draws nothing with fewer than two figures", () => {
  const { container } = render(<LineageChart years={[{ year: "2019/20", chart: [5, null, null, null] }]} />);
  expect(container.innerHTML).toBe("");
});

it("narrows each year as years are added, so a long lineage keeps the trend column narrow", () => {
  const width = (count: number) => {
    const many = Array.from({ length: count }, (_, index) => ({ year: `${2015 + index}/${16 + index}`, chart: [1, 2, 3, 4] }));
    const { container } = render(<LineageChart years={many} />);
    const drawn = Number(container.querySelector("svg")?.getAttribute("width"));
    cleanup();
    return drawn;
  };
  expect(width(1)).toBe(72);
  expect(width(3)).toBe(216);
  expect(width(5)).toBe(216);
  // Beyond that a quarter keeps 10 px, so the years stay readable.
  expect(width(8)).toBe(320);
});
