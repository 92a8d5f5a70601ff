export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "invalid" }
  | { kind: "failed"; message: string };

/** "Saved at 10:42" / "Saving…" / "Not saved — retry", announced politely to screen readers. */
export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  return (
    <p className="govuk-body-s app-save-status" role="status" aria-live="polite" data-testid="save-status">
      {state.kind === "saving" && "Saving…"}
      {state.kind === "saved" && `Saved at ${state.at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}`}
      {state.kind === "invalid" && "Not saved: check the answers marked below."}
      {state.kind === "failed" && (
        <>
          Not saved: {state.message}{" "}
          <button type="button" className="app-link-button" onClick={onRetry}>
            Retry
          </button>
        </>
      )}
    </p>
  );
}
