// The HTTP side of the contract: the ids in paths and query strings, the shape of an error answer,
// and the health check's. (A 204 answer has no body, so it has no schema.)
import { z } from "./zod.ts";

// PostgreSQL's integer, the type of every id column: a larger id could only fail in the database.
export const MAX_ID = 2_147_483_647;
const ID_PROBLEM = `must be a whole number from 1 to ${MAX_ID}`;

/**
 * A record's id in a path or query string, where it is text: digits only, since Number() would
 * also take "1e3", " 1" and "0x10", then a number within PostgreSQL's integer.
 */
export const idParam = z.pipe(
  // .check() is a method call, which a bundler cannot know to be free of side effects: the
  // annotations let the web app's bundle leave idParam out. A missing id keeps "This is required".
  /*#__PURE__*/ z.string({ error: (issue) => (issue.input === undefined ? undefined : ID_PROBLEM) }).check(z.regex(/^\d+$/, { error: ID_PROBLEM })),
  /*#__PURE__*/ z.coerce.number<string>().check(z.gte(1, { error: ID_PROBLEM }), z.lte(MAX_ID, { error: ID_PROBLEM })),
);

/** A record's id in a JSON body, where it is a number; `error` is what the form says when it is not one. */
export const idValue = (error = ID_PROBLEM) => z.int({ error }).check(z.gte(1, { error }), z.lte(MAX_ID, { error }));

/** The params of /…/:id. */
export const idParams = z.object({ id: idParam });

/** The params of /api/returns/:indicatorId/:quarterId and the routes under it. */
export const returnParams = z.object({ indicatorId: idParam, quarterId: idParam });

/**
 * Every answer other than success: the message people read; a message per field of the request,
 * keyed by its path ("values.crimes"), when fields are at fault; and whatever else the client needs,
 * such as the return as it now stands on a conflict, an import's problems, or when to retry.
 */
export const problemSchema = z.looseObject({
  message: z.string(),
  fields: z.optional(z.record(z.string(), z.string())),
});
export type Problem = z.infer<typeof problemSchema>;

/** GET /api/health while the database answers; otherwise a 503 problem, with status "unavailable" and database "down". */
export const healthSchema = z.object({ status: z.literal("ok"), database: z.literal("up") });
export type Health = z.infer<typeof healthSchema>;
