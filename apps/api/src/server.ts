// npm start: the database, then the app on one port, until Ctrl-C or SIGTERM.
import closeWithGrace from "close-with-grace";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import * as demo from "./core/demo/demo-data.ts";
import { openDatabase } from "./database.ts";

const say = (message: string) => process.stdout.write(`${message}\n`);
const warn = (message: string) => process.stderr.write(`${message}\n`);
const DRAIN_MS = 500;

async function main() {
  const config = await loadConfig(process.env);
  // The app's modules load while PostgreSQL starts.
  const appModule = import("./app.ts");
  appModule.catch(() => {}); // reported where it is awaited
  const database = await openDatabase(config, { info: say, warn });
  let app;
  try {
    const { buildApp } = await appModule;
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
    // Requests already sent may not have been read yet (a busy server accepts their connections
    // late): give them a moment before the listener closes, which would reset them.
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
