import { zodResolver } from "@hookform/resolvers/zod";
import { partnershipSettingsSchema, type PartnershipSettings } from "@quarterly-returns/shared";
import { useForm } from "react-hook-form";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { fieldError, summaryItems } from "../../lib/form-errors.ts";
import { useSaveSettings, useSettings } from "./api/settings.ts";

/** The partnership's name, as the board pack's cover prints it (admin). */
export function PartnershipNameForm() {
  const settings = useSettings();
  if (settings.isPending) return <p className="govuk-body">Loading…</p>;
  if (!settings.data) return <p className="govuk-body">The partnership's name could not be loaded. Reload the page to try again.</p>;
  return <NameForm saved={settings.data} />;
}

function NameForm({ saved }: { saved: PartnershipSettings }) {
  const save = useSaveSettings();
  const { register, handleSubmit, formState } = useForm<PartnershipSettings>({
    resolver: zodResolver(partnershipSettingsSchema),
    defaultValues: saved,
    shouldFocusError: false,
  });
  return (
    <section aria-labelledby="partnership-heading">
      <h2 className="govuk-heading-m" id="partnership-heading">The partnership</h2>
      {save.isSuccess && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">The partnership's name is saved.</p>
          </div>
        </div>
      )}
      <ErrorSummary errors={summaryItems(formState.errors, save.error, "partnershipName")} />
      <form noValidate onSubmit={handleSubmit((values) => save.mutate(values))}>
        <TextInput
          id="partnershipName"
          label="The partnership's name"
          hint="Printed on the cover of the performance report's PDF"
          error={fieldError(formState.errors, save.error, "partnershipName")}
          {...register("partnershipName")}
        />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={save.isPending}>
          Save the name
        </button>
      </form>
    </section>
  );
}
