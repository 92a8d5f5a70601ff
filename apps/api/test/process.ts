// The server as a real process, as `npm start` runs it, for the tests of starting and stopping.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stepAt, totpCode } from "./totp.ts";

const serverEntry = fileURLToPath(new URL("../src/server.ts", import.meta.url));

export interface RunningServer {
  process: ChildProcess;
  output: () => string;
  port: number;
  exited: Promise<number | null>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", serverEntry], {
    env: { PATH: process.env.PATH, PORT: String(port), LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { process: child, output: () => output, port, exited };
}

export async function waitForHealth(server: RunningServer, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (server.process.exitCode !== null) throw new Error(`The server exited:\n${server.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/api/health`);
      if (response.ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No healthy answer within ${timeoutMs} ms:\n${server.output()}`);
}

export async function postmasterIsRunning(dataDir: string): Promise<boolean> {
  const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
  if (!existsSync(pidFile)) return false;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}


/**
 * Signs in over HTTP and returns the session cookie. An admin or manager sets up an authenticator
 * app first, as they would in the browser: the key from the set-up answer, a code computed from it.
 */
export async function signInOverHttp(server: Pick<RunningServer, "port">, email: string, password = "demo1234"): Promise<string> {
  const post = (path: string, body: unknown, cookie?: string) =>
    fetch(`http://127.0.0.1:${server.port}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  const cookieOf = (response: Response) => response.headers.getSetCookie()[0]!.split(";")[0]!;
  const response = await post("/api/auth/login", { email, password });
  if (!response.ok) throw new Error(`Sign-in as ${email} failed: ${response.status}`);
  const { user } = (await response.clone().json()) as { user?: { mustEnrolSecondFactor: boolean } };
  if (!user) throw new Error(`${email} already has an authenticator app in this data folder: sign them in once, and keep the cookie`);
  if (!user.mustEnrolSecondFactor) return cookieOf(response);
  const { key } = (await (await post("/api/auth/second-factor/enrolment", {}, cookieOf(response))).json()) as { key: string };
  const enrolled = await post("/api/auth/second-factor/enrolment/confirm", { code: totpCode(key.replaceAll(" ", ""), stepAt(Date.now())) }, cookieOf(response));
  if (!enrolled.ok) throw new Error(`Setting up an authenticator app for ${email} failed: ${enrolled.status}`);
  return cookieOf(enrolled);
}
