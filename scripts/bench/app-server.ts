// The app as the benchmark runs it: started as `npm start` starts it, signed in to, and saved to.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type autocannon from "autocannon";
import { signInOverHttp } from "../../apps/api/test/process.ts";
import { PASSWORD } from "./history.ts";

export const root = fileURLToPath(new URL("../..", import.meta.url));

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Runs `command` (in its own process group) and times it until the app on `port` answers health. */
export function startServer(command: string[], port: number, env: Record<string, string>): { child: ChildProcess; ready: () => Promise<number> } {
  const started = Date.now();
  const child = spawn(command[0]!, command.slice(1), { cwd: root, env: { PATH: process.env.PATH, LOG_LEVEL: "warn", PORT: String(port), ...env }, stdio: "ignore", detached: true });
  const ready = async () => {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command.join(" ")} exited while starting.`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return Date.now() - started;
      } catch {
        // not yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, ready };
}

export async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, "SIGTERM");
  await exited;
}

/** Signs in as the app's own tests do over HTTP: an admin or manager sets up an authenticator app first. */
export const signIn = (port: number, email: string) => signInOverHttp({ port }, email, PASSWORD);

interface Saving {
  cookie: string;
  indicatorId: number;
  version: number;
  figure: number;
}

/**
 * Saves that each change a return nobody else is saving at that moment, with the version it was
 * last given: a save takes a return from the free ones and gives it back with its answer.
 */
export function returnSaves(owners: { cookie: string; indicatorIds: number[] }[], quarterId: number) {
  const free: Saving[] = owners.flatMap((owner) => owner.indicatorIds.map((indicatorId) => ({ cookie: owner.cookie, indicatorId, version: 0, figure: 0 })));
  const take = () => {
    const saving = free.shift()!;
    saving.figure++;
    return {
      saving,
      path: `/api/returns/${saving.indicatorId}/${quarterId}`,
      headers: { cookie: saving.cookie, "content-type": "application/json" },
      body: JSON.stringify({ version: saving.version, status: "DRAFT", values: { count: String(saving.figure), rate: "72.6" }, previousYear: { count: "100" } }),
    };
  };
  const giveBack = (saving: Saving, status: number, body: string) => {
    const answer = JSON.parse(body);
    saving.version = status === 200 ? answer.return.version : (answer.current?.version ?? saving.version);
    free.push(saving);
  };
  type Context = { saving?: Saving };
  return {
    /** For autocannon. (It starts each request with a fresh context, so the returns cannot live there.) */
    request: {
      method: "PUT",
      setupRequest: (request, context) => {
        const { saving, ...save } = take();
        (context as Context).saving = saving;
        return { ...request, ...save };
      },
      onResponse: (status, body, context) => {
        const { saving } = context as Context;
        if (saving) giveBack(saving, status, body);
      },
    } satisfies autocannon.Request,
    /** One save, alone; refused if not saved. */
    async saveOne(base: string) {
      const { saving, path, headers, body } = take();
      const response = await fetch(`${base}${path}`, { method: "PUT", headers, body });
      const text = await response.text();
      giveBack(saving, response.status, text);
      if (response.status !== 200) throw new Error(`A save answered ${response.status}: ${text}`);
    },
  };
}
