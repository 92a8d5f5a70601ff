import { describeState, kindOf, type FieldDeclaration, type ReturnRecord } from "@quarterly-returns/shared";
import { useState } from "react";
import { formValuesOf, type ReturnFormValues } from "./model.ts";

interface Difference {
  key: string;
  label: string;
  yours: string;
  theirs: string;
  apply: (target: ReturnFormValues, source: ReturnFormValues) => void;
}

/** What the other person saved beside what you typed, to choose field by field. */
export function ConflictPanel({
  current,
  typed,
  fields,
  userId,
  onResolve,
}: {
  current: ReturnRecord;
  typed: ReturnFormValues;
  fields: FieldDeclaration[];
  /** Who is signed in: their own save in another tab is not "someone else". */
  userId: number;
  onResolve: (resolved: ReturnFormValues) => void;
}) {
  const theirs = formValuesOf(current, fields, null);
  const differences = differencesBetween(typed, theirs, fields, current);
  // Where you left a box empty that they filled, theirs is the likelier answer.
  const [choices, setChoices] = useState<Record<string, "yours" | "theirs">>(() =>
    Object.fromEntries(differences.map((difference) => [difference.key, difference.yours.trim() ? "yours" : "theirs"])),
  );
  const when = new Date(current.updatedAt).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  const yourself = current.updatedBy.id === userId;

  const resolve = () => {
    const resolved = structuredClone(typed);
    for (const difference of differences) if (choices[difference.key] === "theirs") difference.apply(resolved, theirs);
    onResolve(resolved);
  };

  return (
    <div className="govuk-notification-banner app-conflict" role="region" aria-labelledby="conflict-title" data-testid="conflict">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="conflict-title">{yourself ? "You changed this return in another tab" : "Someone else changed this return"}</h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          {yourself ? `You saved it at ${when} in another tab or on another device.` : `${current.updatedBy.name} saved it at ${when} while you were working on it.`} Choose which answers to keep.
        </p>
        {differences.length === 0 && <p className="govuk-body">{yourself ? "Your answers here and there are the same." : "Your answers and theirs are the same."}</p>}
        {differences.map((difference) => (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-4" key={difference.key}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{difference.label}</legend>
            <div className="govuk-radios govuk-radios--small">
              {(["yours", "theirs"] as const).map((side) => (
                <div className="govuk-radios__item" key={side}>
                  <input
                    className="govuk-radios__input"
                    id={`conflict-${difference.key}-${side}`}
                    type="radio"
                    name={`conflict-${difference.key}`}
                    checked={choices[difference.key] === side}
                    onChange={() => setChoices({ ...choices, [difference.key]: side })}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={`conflict-${difference.key}-${side}`}>
                    {side === "yours" ? (yourself ? "Keep these" : "Keep yours") : yourself ? "Use the other tab's" : `Use ${current.updatedBy.name}'s`}: {(side === "yours" ? difference.yours : difference.theirs) || "(empty)"}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        ))}
        <button type="button" className="govuk-button" onClick={resolve}>
          Use these answers
        </button>
      </div>
    </div>
  );
}

function differencesBetween(typed: ReturnFormValues, theirs: ReturnFormValues, fields: FieldDeclaration[], current: ReturnRecord): Difference[] {
  const differences: Difference[] = [];
  const typedState = typed.mode === "NO_DATA" ? `No data: ${typed.reason || "no reason chosen"}` : "Figures";
  const theirState = current.status === "NO_DATA" ? `No data: ${describeState(current)}` : "Figures";
  if (typedState !== theirState) {
    differences.push({
      key: "state",
      label: "What is reported",
      yours: typedState,
      theirs: theirState,
      apply: (target, source) => Object.assign(target, { mode: source.mode, reason: source.reason, availableFrom: source.availableFrom, explanation: source.explanation }),
    });
  }
  for (const field of fields) {
    const yours = [typed.values[field.key], typed.outOf[field.key]].filter(Boolean).join(" out of ");
    const their = [theirs.values[field.key], theirs.outOf[field.key]].filter(Boolean).join(" out of ");
    if ((yours ?? "") !== (their ?? "")) {
      differences.push({
        key: field.key,
        label: field.label,
        yours,
        theirs: their,
        apply: (target, source) => {
          target.values[field.key] = source.values[field.key] ?? "";
          if (kindOf(field).input.layout === "rank") target.outOf[field.key] = source.outOf[field.key] ?? "";
        },
      });
    }
    if (field.comparesWithPreviousYear && (typed.previousYear[field.key] ?? "") !== (theirs.previousYear[field.key] ?? "")) {
      differences.push({
        key: `previousYear-${field.key}`,
        label: `${field.label}: same quarter last year`,
        yours: typed.previousYear[field.key] ?? "",
        theirs: theirs.previousYear[field.key] ?? "",
        apply: (target, source) => void (target.previousYear[field.key] = source.previousYear[field.key] ?? ""),
      });
    }
  }
  if (typed.commentary.trim() !== theirs.commentary.trim()) {
    differences.push({ key: "commentary", label: "Commentary", yours: typed.commentary, theirs: theirs.commentary, apply: (target, source) => void (target.commentary = source.commentary) });
  }
  return differences;
}
