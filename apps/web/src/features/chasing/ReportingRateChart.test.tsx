// @vitest-environment happy-dom
import type { ReportingRate } from "@quarterly-returns/shared";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { ReportingRateChart } from "./ReportingRateChart.tsx";

afterEach(cleanup);

const rate = (number: number, status: ReportingRate["quarter"]["status"], expected: number, received: number): ReportingRate => ({
  quarter: { id: number, number, name: `Q${number} 2019/20`, status },
  expected,
  received,
  receivedOnTime: received,
  rate: expected ? received / expected : 0,
});

it("draws each quarter's rate as a bar with its figure written, and says it all in words", () => {
  const { container } = render(<ReportingRateChart rates={[rate(1, "CLOSED", 22, 22), rate(2, "CLOSED", 22, 11), rate(3, "OPEN", 22, 0), rate(4, "PLANNED", 0, 0)]} currentQuarterId={3} />);
  const chart = screen.getByRole("img");
  expect(chart.getAttribute("aria-label")).toBe(
    "Reporting rate by quarter. Q1 2019/20: 100%, 22 of 22 returns in. Q2 2019/20: 50%, 11 of 22 returns in. Q3 2019/20: 0%, 0 of 22 returns in. Q4 2019/20: not open yet.",
  );
  const heights = [...container.querySelectorAll("rect")].map((bar) => Number(bar.getAttribute("height")));
  expect(heights[0]).toBe(2 * heights[1]!);
  expect([...container.querySelectorAll(".app-rates__value")].map((text) => text.textContent)).toEqual(["100%", "50%", "0%", "–"]);
  expect(container.querySelector(".app-rates__bar--current")).toBe(container.querySelectorAll("rect")[2]);
});
