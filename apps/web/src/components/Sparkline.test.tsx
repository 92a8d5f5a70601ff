// @vitest-environment happy-dom
import { cleanup, render } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { Sparkline } from "./Sparkline.tsx";

afterEach(cleanup);

/** The height of each point: a smaller y is drawn higher. */
const heights = (container: HTMLElement) => [...container.querySelectorAll("circle")].map((circle) => Number(circle.getAttribute("cy")));

it("draws a bigger figure higher", () => {
  const { container } = render(<Sparkline values={[9, 10]} />);
  const [first, second] = heights(container);
  expect(second!).toBeLessThan(first!);
});

it("draws a rank getting worse (9th, then 10th) as falling", () => {
  const { container } = render(<Sparkline values={[9, 10, null, 7]} inverted />);
  const [ninth, tenth, seventh] = heights(container);
  expect(tenth!).toBeGreaterThan(ninth!);
  expect(seventh!).toBeLessThan(ninth!);
});
