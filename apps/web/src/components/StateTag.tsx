import { describeState, type ReturnRecord } from "@quarterly-returns/shared";

const COLOURS = { NOT_STARTED: "govuk-tag--grey", DRAFT: "govuk-tag--yellow", SUBMITTED: "govuk-tag--green", NO_DATA: "govuk-tag--blue" } as const;

/** A return's state as a GOV.UK tag: "Not started", "Draft", "Submitted", "No data provided" … */
export function StateTag({ record }: { record: Pick<ReturnRecord, "status" | "noData"> | null }) {
  return <strong className={`govuk-tag ${COLOURS[record ? record.status : "NOT_STARTED"]}`}>{describeState(record)}</strong>;
}
