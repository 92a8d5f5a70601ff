// The rules for a password a person chooses, as the NCSC and OWASP ASVS advise: long enough, not
// one of the passwords attackers try first, and not the person's own name or email; no rules about
// kinds of character. zxcvbn (its list of common passwords, and its estimate of how many guesses
// repeats, sequences, keyboard rows and dates take) runs here on the server only: its list is too
// big for the browser, which checks the length alone.
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_TOO_SHORT } from "@quarterly-returns/shared";
import type { ZxcvbnFactory, ZxcvbnResult } from "@zxcvbn-ts/core";

export const PASSWORD_PROBLEMS = {
  tooShort: PASSWORD_TOO_SHORT,
  tooLong: `Your password must be ${PASSWORD_MAX_LENGTH} characters or fewer`,
  personal: "Your password must not contain your name or email address",
  common: "Your password is one of the most common passwords, or too close to one: choose one that is harder to guess, such as three random words",
  pattern:
    "Your password is too easy to guess because it repeats characters or follows a pattern like 1234, qwerty or a date: choose one that is harder to guess, such as three random words",
} as const;

/** zxcvbn's score 3: at least 10^8 guesses, which its authors call safely unguessable online. */
const LEAST_SCORE = 3;
/** Shorter words of a name ("Ian", "Lee") are inside too many ordinary words to refuse them. */
const LEAST_NAME_WORD_LENGTH = 4;

export interface PasswordOwner {
  email: string;
  name: string;
}

/** What is wrong with the password the owner chose, in words for them; null when it is fine. */
export async function passwordProblem(password: string, owner: PasswordOwner): Promise<string | null> {
  if (password.length < PASSWORD_MIN_LENGTH) return PASSWORD_PROBLEMS.tooShort;
  if (password.length > PASSWORD_MAX_LENGTH) return PASSWORD_PROBLEMS.tooLong;
  const personal = personalWords(owner);
  const compactPassword = compact(password);
  if (personal.some((word) => compactPassword.includes(word))) return PASSWORD_PROBLEMS.personal;

  const result = (await estimator()).check(password, personal);
  if (result.score >= LEAST_SCORE) return null;
  if (matchedFrom(result, (name) => name === "userInputs")) return PASSWORD_PROBLEMS.personal;
  if (matchedFrom(result, (name) => name.startsWith("passwords"))) return PASSWORD_PROBLEMS.common;
  return PASSWORD_PROBLEMS.pattern;
}

/** Letters and digits only, in lower case: "Priya.Shah" and "priya shah" are both "priyashah". */
const compact = (text: string) => text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** The email, its part before the @, the name, and each longer word of the name and of that part. */
function personalWords({ email, name }: PasswordOwner): string[] {
  const localPart = email.split("@")[0] ?? "";
  const words = `${name} ${localPart}`.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= LEAST_NAME_WORD_LENGTH);
  return [...new Set([email, localPart, name, ...words].map(compact).filter((word) => word.length >= 3))];
}

const matchedFrom = (result: ZxcvbnResult, dictionary: (name: string) => boolean) =>
  result.sequence.some((match) => match.pattern === "dictionary" && typeof match.dictionaryName === "string" && dictionary(match.dictionaryName));

let loaded: Promise<ZxcvbnFactory> | undefined;

/** Loaded at the first password chosen, not at every start of the server. */
function estimator(): Promise<ZxcvbnFactory> {
  loaded ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]).then(
    ([{ ZxcvbnFactory }, common]) => new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }),
  );
  return loaded;
}
