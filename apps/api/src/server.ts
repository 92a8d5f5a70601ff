// npm start: the database, then the app on one port, until Ctrl-C or SIGTERM.
import { demo } from "@quarterly-returns/db/seed";
import closeWithGrace from "close-with-grace";
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { openDatabase } from "./database.ts";

const say = (message: string) => process.stdout.write(`${message}\n`);
const DRAIN_MS = 500;

async function main() {
  const config = await loadConfig(process.env);
  const database = await openDatabase(config, say);
  let app;
  try {
    app = await buildApp({ config, prisma: database.prisma, databaseUrl: database.url });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app?.close();
    await database.close();
    throw error;
  }

  closeWithGrace({ delay: 15_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, "stopping after an unexpected error");
    else say(`\n${signal ?? "Stop"} received: finishing requests in flight, then stopping.`);
    // Refuse new connections at once, but give requests already sent a moment to be read:
    // closing straight away would drop a connection whose request has not been parsed yet.
    app.server.maxConnections = 0;
    await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
    // Keep-alive connections whose last request finishes while closing are closed as they go idle.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    await app.close();
    clearInterval(sweep);
    await database.close();
    say("Stopped.");
  });

  say(banner(config));
}

function banner(config: Config): string {
  const lines = [`\nQuarterly Returns is running at ${config.appUrl}`];
  if (config.demoData) {
    lines.push(`\nDemo sign-ins (password ${demo.DEMO_PASSWORD}):`);
    for (const user of demo.users) lines.push(`  ${user.email.padEnd(24)} ${user.name} (${describe(user)})`);
  }
  lines.push("\nPress Ctrl-C to stop.");
  return lines.join("\n");
}

function describe(user: (typeof demo.users)[number]): string {
  if (user.role === "ADMIN") return "admin";
  if (user.role === "MANAGER") return "community safety manager";
  return demo.organisations.find((organisation) => organisation.key === user.organisation)!.name;
}

main().catch((error: unknown) => {
  process.stderr.write(`\nQuarterly Returns could not start.\n${error instanceof ConfigError ? error.message : (error as Error).stack ?? error}\n`);
  process.exit(1);
});
