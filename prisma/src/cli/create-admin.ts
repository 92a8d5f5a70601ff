// npm run user:create-admin -- <email> "<name>"
// The first admin of a real install (outside demo mode there are no accounts at all). Prints a
// temporary password, which must be replaced at the first sign-in.
import { randomBytes } from "node:crypto";
import { createPrismaClient } from "../client.ts";
import { openCommandLineDatabase } from "./command-line-database.ts";
import { hashPassword } from "../passwords.ts";

const [email, name] = process.argv.slice(2);
if (!email || !/^[^@\s]+@[^@\s]+$/.test(email) || !name?.trim()) {
  console.error('Usage: npm run user:create-admin -- <email> "<full name>"');
  process.exit(2);
}

const database = await openCommandLineDatabase();
const prisma = createPrismaClient(database.url);
try {
  const temporaryPassword = randomBytes(9).toString("base64url");
  const admin = await prisma.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: { email: email.toLowerCase(), name: name.trim(), role: "ADMIN", passwordHash: await hashPassword(temporaryPassword), mustChangePassword: true },
    });
    await tx.auditEvent.create({
      data: { action: "user.create", entityType: "user", entityId: String(created.id), after: { email: created.email, role: "ADMIN", via: "command line" } },
    });
    return created;
  });
  console.log(`Created admin ${admin.email}. Temporary password: ${temporaryPassword}`);
  console.log("They must choose their own password when they first sign in.");
} catch (error) {
  console.error(`Could not create the admin: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await database.close();
}
