import { formatDate, type CompletenessCell, type OrganisationCompleteness } from "@quarterly-returns/shared";
import { Link } from "../../lib/router.tsx";
import { cellState } from "./cell-state.ts";

/**
 * The quarter at a glance: a row per organisation, with its data owner, each of its returns as a
 * cell (its state in a word, a mark and a colour), what is outstanding and the last reminder. On a
 * phone the rows become a list.
 */
export function CompletenessMatrix({ organisations, quarterId, quarterName, mayRemind }: { organisations: OrganisationCompleteness[]; quarterId: number; quarterName: string; mayRemind: (organisationId: number) => boolean }) {
  return (
    <table className="govuk-table app-matrix" data-testid="matrix">
      <caption className="govuk-visually-hidden">Returns for {quarterName} by organisation</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Organisation and data owner</th>
          <th scope="col" className="govuk-table__header">Returns</th>
          <th scope="col" className="govuk-table__header">Outstanding</th>
          <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Reminder</span></th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {organisations.map((entry) => (
          <OrganisationRow key={entry.organisation.id} entry={entry} quarterId={quarterId} open={mayRemind(entry.organisation.id)} />
        ))}
      </tbody>
    </table>
  );
}

function OrganisationRow({ entry, quarterId, open }: { entry: OrganisationCompleteness; quarterId: number; open: boolean }) {
  const { organisation } = entry;
  const owner = entry.dataOwners.length > 0 ? entry.dataOwners.join(", ") : organisation.contactName ?? organisation.contactEmail ?? "No data owner";
  const chase = entry.lastChase;
  return (
    <tr className="govuk-table__row app-matrix__row" data-testid={`organisation-${organisation.shortName}`}>
      <th scope="row" className="govuk-table__header app-matrix__organisation">
        <span className="app-matrix__name">{organisation.name}</span>{" "}
        <span className="app-matrix__owner">
          <span className="govuk-visually-hidden">{entry.dataOwners.length > 0 ? "Data owner: " : "Contact: "}</span>
          {owner}
        </span>
      </th>
      <td className="govuk-table__cell">
        <ul className="app-matrix__cells">
          {entry.cells.map((cell) => (
            <li key={cell.indicator.id}>
              <Cell cell={cell} quarterId={quarterId} />
            </li>
          ))}
        </ul>
      </td>
      <td className="govuk-table__cell app-matrix__summary">
        <span className="app-block">
          {entry.outstanding === 0 ? "Nothing outstanding" : <strong>{entry.outstanding} outstanding</strong>}
          {entry.overdue > 0 && `, ${entry.overdue} overdue`}
        </span>
        {(chase || entry.outstanding > 0) && (
          <span className="app-block app-matrix__chase" data-testid="last-chase">
            {chase ? `Reminded ${formatDate(chase.sentAt).replace(/ \d{4}$/, "")}${chase.deliveryStatus === "SENT" ? "" : " (not sent)"}` : "Not reminded yet"}
          </span>
        )}
      </td>
      <td className="govuk-table__cell app-matrix__action">
        {open && entry.outstanding > 0 && (
          <Link to={`/completeness/chase/${organisation.id}?quarter=${quarterId}`} className="govuk-link">
            Remind<span className="govuk-visually-hidden"> {organisation.name}</span>
          </Link>
        )}
      </td>
    </tr>
  );
}

function Cell({ cell, quarterId }: { cell: CompletenessCell; quarterId: number }) {
  const state = cellState(cell);
  const about = `${cell.indicator.title}${cell.indicator.restricted ? " (restricted)" : ""}`;
  return (
    <Link to={`/returns/${cell.indicator.id}/${quarterId}`} className={`app-cell app-cell--${state.tone}`} title={`${cell.label} ${about}: ${state.full}`} data-testid="cell">
      <span className="app-cell__ref">{cell.label}</span>{" "}
      <span className="app-cell__icon" aria-hidden="true">{state.icon}</span>{" "}
      <span className="app-cell__word">{state.word}</span>
      {state.flags.map((flag) => (
        <span key={flag}>
          {" "}
          <span className="app-cell__flag">{flag}</span>
        </span>
      ))}
      <span className="govuk-visually-hidden">. {about}. {state.full}.</span>
    </Link>
  );
}

const KEY: { tone: string; icon: string; word: string }[] = [
  { tone: "in", icon: "✓", word: "In" },
  { tone: "no-data", icon: "–", word: "In with no data, and why" },
  { tone: "not-provided", icon: "×", word: "No data provided" },
  { tone: "expected", icon: "…", word: "Expected on a date" },
  { tone: "draft", icon: "✎", word: "Draft" },
  { tone: "missing", icon: "○", word: "Missing" },
  { tone: "overdue", icon: "!", word: "Overdue" },
];

/** What the cells' marks and colours mean. */
export function MatrixKey() {
  return (
    <ul className="app-matrix-key" aria-label="Key to the cells">
        {KEY.map((item) => (
          <li key={item.tone}>
            <span className={`app-cell app-cell--${item.tone}`} aria-hidden="true">
              <span className="app-cell__icon">{item.icon}</span>
            </span>{" "}
            {item.word}
          </li>
        ))}
        <li>
          <span className="app-cell__flag">Query</span> a query is open
        </li>
        <li>
          <span className="app-cell__flag">Unusual</span> the owner confirmed an unusual figure
        </li>
    </ul>
  );
}
