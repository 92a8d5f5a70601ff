import { fieldChangeText, formatDate, type ReturnChange } from "@quarterly-returns/shared";
import { auditActionLabel } from "@quarterly-returns/shared/audit-actions";

const time = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
const when = (iso: string) => `${formatDate(iso)} ${time(iso)}`;
const who = (change: ReturnChange) => change.by?.name ?? "the system";

/** Drafts saved one after another are one entry: the history reads as what was submitted, and when. */
function grouped(changes: ReturnChange[]): ReturnChange[][] {
  const groups: ReturnChange[][] = [];
  for (const change of changes) {
    const last = groups.at(-1);
    if (last && change.action === "return.save-draft" && last[0]!.action === "return.save-draft") last.push(change);
    else groups.push([change]);
  }
  return groups;
}

/** "Submitted: Positive completions 72.6% → 73.1%, Paul Haley, 28 Nov 2026 10:42" */
function Entry({ change }: { change: ReturnChange }) {
  const what = change.changes.map(fieldChangeText).join("; ");
  return (
    <>
      <strong>{auditActionLabel(change.action)}</strong>
      {what ? `: ${what}` : ""}, {who(change)}, {when(change.at)}
    </>
  );
}

/** Every save of the return, newest first, each with what it changed; runs of draft saves folded. */
export function ReturnChanges({ changes }: { changes: ReturnChange[] }) {
  if (changes.length === 0) return null;
  return (
    <section aria-labelledby="changes-title">
      <h2 className="govuk-heading-m" id="changes-title">Changes to this return</h2>
      <ul className="govuk-list app-changes" data-testid="changes">
        {grouped(changes).map((group, index) => {
          const [newest] = group;
          const oldest = group.at(-1)!;
          if (group.length === 1) return <li key={index}><Entry change={newest!} /></li>;
          const people = [...new Set(group.map(who))].join(", ");
          const span = formatDate(oldest.at) === formatDate(newest!.at) ? `${when(oldest.at)} to ${time(newest!.at)}` : `${when(oldest.at)} to ${when(newest!.at)}`;
          return (
            <li key={index}>
              <details className="govuk-details govuk-!-margin-bottom-0">
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">{group.length} draft saves, {people}, {span}</span>
                </summary>
                <div className="govuk-details__text">
                  <ul className="govuk-list">
                    {group.map((change, draft) => <li key={draft}><Entry change={change} /></li>)}
                  </ul>
                </div>
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
