import { type UserSummary } from "@quarterly-returns/shared";
import { ConfirmWithReason } from "../../components/ConfirmWithReason.tsx";
import type { useResetSecondFactor } from "./api/reset-second-factor.ts";

/** An admin's confirmation before taking someone's authenticator app away (a lost phone, no recovery codes left). */
export function ConfirmSecondFactorReset({ user, reset, onDone }: { user: UserSummary; reset: ReturnType<typeof useResetSecondFactor>; onDone(): void }) {
  return (
    <ConfirmWithReason
      title={`Reset ${user.name}'s second factor?`}
      reasonLabel="Why are you resetting their second factor?"
      action="Reset second factor"
      pending={reset.isPending}
      problem={reset.error}
      onConfirm={(reason) => reset.mutate({ reason }, { onSuccess: onDone })}
      onCancel={() => {
        reset.reset();
        onDone();
      }}
    >
      <p className="govuk-body">
        {user.name} will be signed out at once, and their authenticator app and recovery codes will stop working.{" "}
        {user.role !== "DATA_OWNER"
          ? "They will set up an authenticator app again the next time they sign in."
          : "They can sign in with their password alone, and set up an app again if they want to."}{" "}
        Check that it is really them who asked, for example by phoning them.
      </p>
    </ConfirmWithReason>
  );
}
