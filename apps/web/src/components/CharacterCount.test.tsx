// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { CharacterCount } from "./CharacterCount.tsx";

afterEach(cleanup);

const renderCount = (typed: string) =>
  render(<CharacterCount id="commentary" label="Commentary" hint="What changed and why" maxCharacters={3000} typed={typed} defaultValue={typed} />);
const message = () => document.getElementById("commentary-info")!;

describe("the character count", () => {
  it("says how many characters are left, and is what the textarea is described by", () => {
    renderCount("Up on last quarter.");

    expect(message().textContent).toBe("You have 2,981 characters remaining");
    expect(message().getAttribute("aria-live")).toBe("polite");
    const textarea = screen.getByLabelText("Commentary");
    expect(textarea.getAttribute("aria-describedby")).toBe("commentary-hint commentary-info");
    expect(textarea.className).toBe("govuk-textarea");
  });

  it("counts one character as one", () => {
    renderCount("x".repeat(2999));
    expect(message().textContent).toBe("You have 1 character remaining");
  });

  it("says how many too many, in red, without stopping the typing", () => {
    renderCount("x".repeat(3002));

    expect(message().textContent).toBe("You have 2 characters too many");
    expect(message().classList.contains("govuk-error-message")).toBe(true);
    expect(screen.getByLabelText("Commentary").className).toBe("govuk-textarea govuk-textarea--error");
    expect(screen.getByLabelText<HTMLTextAreaElement>("Commentary").value).toHaveLength(3002);
  });

  it("shows an error at the field", () => {
    render(<CharacterCount id="commentary" label="Commentary" error="Enter the figures or a commentary" maxCharacters={3000} typed="" />);

    expect(document.getElementById("commentary-error")?.textContent).toBe("Error: Enter the figures or a commentary");
    expect(screen.getByLabelText("Commentary").className).toBe("govuk-textarea govuk-textarea--error");
  });
});
