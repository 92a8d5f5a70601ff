// An import's steps: each one a service call whose refusal becomes a problem on its line.
import type { DocumentProblem } from "@quarterly-returns/shared/report-document";
import type { Context } from "../context.ts";
import { ServiceError } from "../errors.ts";

/** One step of the batch: a rule it breaks becomes a problem on its line, and the batch goes on to find the others. */
export type Attempt = <T>(line: number, work: () => Promise<T>, about?: string) => Promise<T | undefined>;

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
      const fields = Object.values((error.extra.fields ?? {}) as Record<string, string>);
      const detail = error.statusCode === 400 && fields.length ? fields.join("; ") : error.message;
      problems.push({ line, problem: about ? `${about}: ${detail}` : detail });
      return undefined;
    }
  };
}
