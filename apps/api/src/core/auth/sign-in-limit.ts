// Failed sign-ins slow down the next attempt for the same email from the same network, never lock
// the account: someone guessing from one network cannot keep its owner out from another, and the
// longest wait is 5 minutes. The failures are read from the audit log (its index on action, email
// and time), so every replica of the app counts the same ones; an advisory lock per email and
// network makes attempts sent at once take turns, so they cannot all be checked before any of them
// is counted.
import { transaction, type Context } from "../context.ts";
import { ServiceError } from "../errors.ts";

/** Failures are forgotten once this long passes without one (or at a success). */
export const FAILURE_MEMORY_SECONDS = 15 * 60;
/** Failures with no wait at all: enough for anyone who mistypes. */
export const FAILURES_WITHOUT_DELAY = 5;
const FIRST_DELAY_SECONDS = 15;
const LONGEST_DELAY_SECONDS = 5 * 60;

/** How long the next attempt waits after this many failures: 15 s, doubling, 5 minutes at most. */
export function delayAfter(failures: number): number {
  if (failures < FAILURES_WITHOUT_DELAY) return 0;
  return Math.min(FIRST_DELAY_SECONDS * 2 ** (failures - FAILURES_WITHOUT_DELAY), LONGEST_DELAY_SECONDS);
}

/** Who is trying to sign in: the email typed, from which network (lib/client-network.ts). */
export interface SignInAttempt {
  email: string;
  network: string;
}

export interface RecentAttempts {
  /** Failures since the last success, each within 15 minutes of the next (and the last of now). */
  failures: number;
  lastFailureAt: Date | null;
  /** Whether a slowed-down attempt has already been recorded since the last failure. */
  slowdownRecorded: boolean;
}

const SIGN_IN_LOCK_CLASS = 7301;

/** Refuses (429) an attempt made before its wait is over, before anything of it is checked. */
export async function refuseIfTooSoon(context: Context, attempt: SignInAttempt): Promise<void> {
  const tooSoon = await slowDown(context, attempt, await recentAttempts(context, attempt));
  if (tooSoon) throw tooSoon;
}

/**
 * Decides an attempt in a transaction, in turn with any for the same email and network sent at the
 * same moment, and refused if one of those made it too soon. `decide` answers with what the attempt
 * gives, or a refusal, thrown once the transaction has kept what it audited (recordFailure).
 */
export async function decideInTurn<T>(context: Context, attempt: SignInAttempt, decide: (tx: Context, recent: RecentAttempts) => Promise<T | ServiceError>): Promise<T> {
  const outcome = await transaction(context, async (tx) => {
    await takeTurn(tx, attempt);
    const recent = await recentAttempts(tx, attempt);
    return (await slowDown(tx, attempt, recent)) ?? decide(tx, recent);
  });
  if (outcome instanceof ServiceError) throw outcome;
  return outcome;
}

/** Counts a failed attempt: a failed sign-in in the audit log, with the run's count and the wait it starts. */
export async function recordFailure(
  tx: Context,
  attempt: SignInAttempt,
  recent: RecentAttempts,
  failure: { reason: string; userId: number | null; actorId?: number | null; quarterId?: number },
): Promise<void> {
  const { reason, userId, actorId, quarterId } = failure;
  await tx.audit({
    action: "auth.login-failed",
    entityType: "user",
    entityId: userId,
    ...(actorId === undefined ? {} : { actorId }),
    ...(quarterId === undefined ? {} : { quarterId }),
    after: { ...failureRecord(attempt, recent), reason, ...(quarterId === undefined ? {} : { quarterId }) },
  });
}

/** Makes concurrent attempts for one email from one network take turns, to the end of the transaction. */
async function takeTurn(tx: Context, attempt: SignInAttempt) {
  await tx.db.$executeRaw`SELECT pg_advisory_xact_lock(${SIGN_IN_LOCK_CLASS}::int, hashtext(${`${attempt.email} ${attempt.network}`}))`;
}

/**
 * Refuses (429, with Retry-After) an attempt made before the wait its failures call for is over,
 * without checking the password; the first such attempt after each failure goes in the audit log.
 */
async function slowDown(context: Context, attempt: SignInAttempt, recent: RecentAttempts): Promise<ServiceError | null> {
  if (!recent.lastFailureAt) return null;
  const retryAt = recent.lastFailureAt.getTime() + delayAfter(recent.failures) * 1000;
  const retryAfter = Math.ceil((retryAt - context.now().getTime()) / 1000);
  if (retryAfter <= 0) return null;
  if (!recent.slowdownRecorded) {
    await context.audit({
      action: "auth.login-throttled",
      entityType: "user",
      actorId: null,
      after: { email: attempt.email, network: attempt.network, failures: recent.failures, waitSeconds: retryAfter },
    });
  }
  return new ServiceError(429, `Too many failed sign-ins for this email address from your network. Wait ${inWords(retryAfter)}, then try again.`, {
    retryAfter,
  });
}

/** What the audit log records about a failed attempt: with it, how many, and how long the next one waits. */
function failureRecord(attempt: SignInAttempt, recent: RecentAttempts) {
  const failures = recent.failures + 1;
  return { email: attempt.email, network: attempt.network, failures, waitSeconds: delayAfter(failures) };
}

/**
 * The email's run of failures from the network: read back from the newest, to the last success (or
 * the password's reset) or a 15-minute gap. Reading the last day's 100 newest events is enough: a
 * run that long is well past the longest wait (it then counts as far as was read).
 */
async function recentAttempts(context: Context, attempt: SignInAttempt): Promise<RecentAttempts> {
  const now = context.now();
  // A new password set through a reset link ends every network's run: what was being guessed has gone.
  const events = await context.db.$queryRaw<{ action: string; at: Date }[]>`
    SELECT action, at FROM audit_events
     WHERE action IN ('auth.login-failed', 'auth.login-throttled', 'auth.login', 'auth.password-reset')
       AND after ->> 'email' = ${attempt.email} AND at > ${new Date(now.getTime() - 24 * 60 * 60 * 1000)}
       AND (after ->> 'network' = ${attempt.network} OR action = 'auth.password-reset')
     ORDER BY at DESC, id DESC LIMIT 100`;
  const recent: RecentAttempts = { failures: 0, lastFailureAt: null, slowdownRecorded: false };
  let after = now;
  for (const event of events) {
    if (event.action === "auth.login" || event.action === "auth.password-reset") break;
    if (event.action === "auth.login-throttled") {
      if (!recent.lastFailureAt) recent.slowdownRecorded = true;
      continue;
    }
    if (after.getTime() - event.at.getTime() > FAILURE_MEMORY_SECONDS * 1000) break;
    recent.failures++;
    recent.lastFailureAt ??= event.at;
    after = event.at;
  }
  return recent;
}

function inWords(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
