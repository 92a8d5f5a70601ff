import { formatDate, type ChaseItem, type OrganisationRef, type QuarterSummary } from "@quarterly-returns/shared";

interface Composition {
  quarter: QuarterSummary;
  organisation: OrganisationRef;
  /** "Dear Paul Haley," */
  greeting: string;
  items: ChaseItem[];
  /** null: sent automatically, on the quarter's reminder schedule. */
  sender: { name: string } | null;
  appUrl: string;
  today: string;
}

/** The reminder as first composed; the manager may edit it before it is sent. */
export function composeChase({ quarter, organisation, greeting, items, sender, appUrl, today }: Composition): { subject: string; body: string } {
  const count = items.length === 1 ? "1 return" : `${items.length} returns`;
  const due = quarter.dueDate < today ? `were due on ${formatDate(quarter.dueDate)}` : `are due by ${formatDate(quarter.dueDate)}`;
  const lines = items.map((item) => `- ${item.ref ? `${item.ref} ` : ""}${item.title}: ${item.state}`);
  return {
    subject: `${quarter.name} performance returns: ${count} outstanding for ${organisation.name}`,
    body: [
      greeting,
      "",
      `The partnership's performance returns for ${quarter.name} ${due}. We have not yet received:`,
      "",
      ...lines,
      "",
      "Please submit them, or say why there is no data this quarter, at:",
      `${appUrl}/returns?quarter=${quarter.id}`,
      "",
      "Thank you,",
      ...(sender ? [sender.name, "Community safety manager"] : ["Community safety team", "", "This reminder was sent automatically, on the reminder schedule the community safety manager set for the quarter."]),
    ].join("\n"),
  };
}
