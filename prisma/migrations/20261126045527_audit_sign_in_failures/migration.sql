-- Written by hand (an expression index, which schema.prisma cannot declare): sign-in throttling
-- counts an email's recent failed sign-ins in the audit log at every attempt.
CREATE INDEX "audit_events_sign_in_failures_idx" ON "audit_events" ("action", ("after" ->> 'email'), "at");
