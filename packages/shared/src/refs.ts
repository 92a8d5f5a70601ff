// How an answer names another record: enough to show it and link to it.
import { z } from "./zod.ts";

export const personRefSchema = z.object({ id: z.int(), name: z.string() });
export type PersonRef = z.infer<typeof personRefSchema>;

export const organisationRefSchema = z.object({ id: z.int(), name: z.string(), shortName: z.string() });
export type OrganisationRef = z.infer<typeof organisationRefSchema>;

export const yearRefSchema = z.object({ id: z.int(), label: z.string() });

export const quarterRefSchema = z.object({ id: z.int(), name: z.string() });

export const priorityRefSchema = z.object({ id: z.int(), number: z.int(), title: z.string() });

export const indicatorRefSchema = z.object({ id: z.int(), ref: z.nullable(z.string()), title: z.string() });
