// An import's steps: each one a service call whose refusal becomes a problem on its line.
import type { DocumentProblem } from "@quarterly-returns/shared/report-document";
import type { Context } from "../context.ts";
import { ServiceError } from "../errors.ts";

/** One step of the batch: a rule it breaks becomes a problem on its line, and the batch goes on to find the others. */
export type Attempt = <T>(line: number, work: () => Promise<T>, about?: string) => Promise<T | undefined>;

/** A refusal as its line's problem: what the step was about, then the per-field messages of a 400, else the message. */
export function problemOf(line: number, error: ServiceError, about?: string): DocumentProblem {
  const fields = Object.values((error.extra.fields ?? {}) as Record<string, string>);
  const detail = error.statusCode === 400 && fields.length ? fields.join("; ") : error.message;
  return { line, problem: about ? `${about}: ${detail}` : detail };
}

/**
 * Each step runs to a savepoint, so a step the database refuses leaves the transaction usable for
 * the next one; the whole import is rolled back at the end if any step broke a rule.
 */
export function stepper(context: Context, problems: DocumentProblem[]): Attempt {
  return async (line, work, about) => {
    await context.db.$executeRawUnsafe("SAVEPOINT import_step");
    try {
      const result = await work();
      await context.db.$executeRawUnsafe("RELEASE SAVEPOINT import_step");
      return result;
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      await context.db.$executeRawUnsafe("ROLLBACK TO SAVEPOINT import_step");
      problems.push(problemOf(line, error, about));
      return undefined;
    }
  };
}

/**
 * Many steps made at once (a few statements for hundreds of rows), to a savepoint. Should the
 * batch be refused, by a rule or by the database, it is undone and `oneByOne` makes the same steps
 * singly, each to its own savepoint, so that every refusal is named on its own line.
 */
export async function batchOrOneByOne<T>(context: Context, batch: () => Promise<T>, oneByOne: () => Promise<T>): Promise<T> {
  await context.db.$executeRawUnsafe("SAVEPOINT import_batch");
  try {
    const result = await batch();
    await context.db.$executeRawUnsafe("RELEASE SAVEPOINT import_batch");
    return result;
  } catch {
    await context.db.$executeRawUnsafe("ROLLBACK TO SAVEPOINT import_batch");
    await context.db.$executeRawUnsafe("RELEASE SAVEPOINT import_batch");
    return oneByOne();
  }
}

/** The shared schema's output, as the API's edge gives it to the services; a problem is the line's. */
export function checked<T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
  throw new ServiceError(400, Object.values(fields).join("; "), { fields });
}
