// npm run user:create-admin -- <email> "<name>"
// The first admin of a real install (outside demo mode there are no accounts at all). Prints a
// temporary password, which must be replaced at the first sign-in.
import { createUserSchema } from "@quarterly-returns/shared";
import { createUser } from "../core/users/users.ts";
import { fail, withCommandLineContext } from "./command-line-context.ts";

const [email, name] = process.argv.slice(2);
const input = createUserSchema.safeParse({ email, name, role: "ADMIN", organisationId: null });
if (!input.success) {
  console.error(`${input.error.issues.map((issue) => issue.message).join(". ")}.`);
  console.error('Usage: npm run user:create-admin -- <email> "<full name>"');
  process.exit(2);
}

try {
  const { user, temporaryPassword } = await withCommandLineContext("npm run user:create-admin", async () => ({ kind: "system", name: "Command line" }), (context) =>
    createUser(context, input.data),
  );
  console.log(`Created admin ${user.email}. Temporary password: ${temporaryPassword}`);
  console.log("They must choose their own password when they first sign in.");
} catch (error) {
  fail(error, "Could not create the admin");
}
