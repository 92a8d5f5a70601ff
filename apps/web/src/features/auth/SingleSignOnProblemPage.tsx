import type { SingleSignOnProblem } from "@quarterly-returns/shared";
import { Link } from "../../lib/router.tsx";
import { usePageTitle } from "../../lib/page-title.ts";

const PROBLEMS: Record<SingleSignOnProblem, { title: string; words: string[] }> = {
  unavailable: {
    title: "Your organisation's sign-in is not working at the moment",
    words: ["We could not reach your organisation's sign-in service.", "Try again in a few minutes, or sign in with your email address and password."],
  },
  expired: {
    title: "Your sign-in did not finish",
    words: ["It took longer than 10 minutes, or it was started in another browser window.", "Start again from the sign-in page."],
  },
  "refused-by-provider": {
    title: "Your organisation's sign-in did not let you in",
    words: [
      "Your organisation's sign-in service refused this sign-in, or it had already been used.",
      "Start again from the sign-in page. If this happens again, contact your organisation's IT service desk.",
    ],
  },
  "no-email": {
    title: "We could not tell who you are",
    words: [
      "Your organisation's account did not give us a confirmed email address.",
      "Ask your organisation's IT service desk to include your email address, or sign in with your email address and password.",
    ],
  },
  "domain-not-allowed": {
    title: "You cannot sign in with this organisation's account",
    words: [
      "This sign-in service is not allowed to confirm email addresses like yours.",
      "Sign in with your own organisation's button, or with your email address and password.",
    ],
  },
  "unknown-user": {
    title: "You do not have an account yet",
    words: [
      "Your organisation confirmed who you are, but your email address has no account in Quarterly Returns.",
      "Ask your partnership's administrator to add you, using the email address of your organisation's account.",
    ],
  },
  deactivated: {
    title: "Your account has been deactivated",
    words: ["Ask your partnership's administrator to reactivate it."],
  },
  "too-many": {
    title: "Too many sign-in attempts from your network",
    words: ["Wait 15 minutes, then try again."],
  },
  "unknown-provider": {
    title: "This way of signing in is not set up",
    words: ["It may have been removed. Choose another way to sign in."],
  },
};

/** Where a single sign-on that did not sign the person in ends: what happened, and the way back. */
export function SingleSignOnProblemPage({ problem }: { problem: string }) {
  const { title, words } = PROBLEMS[problem as SingleSignOnProblem] ?? PROBLEMS["refused-by-provider"];
  usePageTitle(title);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{title}</h1>
        {words.map((sentence) => (
          <p className="govuk-body" key={sentence}>
            {sentence}
          </p>
        ))}
        <p className="govuk-body">
          <Link to="/sign-in" className="govuk-link">
            Go back to sign in
          </Link>
        </p>
      </div>
    </div>
  );
}
