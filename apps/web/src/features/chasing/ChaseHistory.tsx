import { formatDate } from "@quarterly-returns/shared";
import { chaseSender } from "./chased-by.ts";
import { useChaseHistory } from "./api/chases.ts";
import { deliveryWords } from "./delivery.ts";

export function ChaseHistory({ quarterId, organisationId }: { quarterId: number; organisationId: number }) {
  const history = useChaseHistory(quarterId, organisationId);
  return (
    <section aria-labelledby="chase-history">
      <h2 className="govuk-heading-m" id="chase-history">Chases this quarter</h2>
      {history.data?.length === 0 && <p className="govuk-body">Not chased yet this quarter.</p>}
      {history.data && history.data.length > 0 && (
        <table className="govuk-table app-stacked-table" data-testid="chase-history">
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">When</th>
              <th scope="col" className="govuk-table__header">By</th>
              <th scope="col" className="govuk-table__header">To</th>
              <th scope="col" className="govuk-table__header">Returns listed</th>
              <th scope="col" className="govuk-table__header">Delivery</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {history.data.map((chase) => (
              <tr className="govuk-table__row" key={chase.id}>
                <td className="govuk-table__cell" data-label="When">
                  {formatDate(chase.sentAt)} {new Date(chase.sentAt).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}
                </td>
                <td className="govuk-table__cell" data-label="By">{chaseSender(chase)}</td>
                <td className="govuk-table__cell" data-label="To">
                  {chase.recipient}
                  {chase.copyTo && <span className="govuk-body-s"> (copied to the lead contact, {chase.copyTo})</span>}
                </td>
                <td className="govuk-table__cell" data-label="Returns listed">{chase.items.map((item) => item.ref ?? item.title).join(", ")}</td>
                <td className="govuk-table__cell" data-label="Delivery">{deliveryWords(chase)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
