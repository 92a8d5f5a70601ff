// Errors that mean "the database cannot be reached", whichever layer raised them.
const UNREACHABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNREACHABLE_NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "57P01", "57P03"]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const { code, name, message } = current as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === "string" && (UNREACHABLE_PRISMA_CODES.has(code) || UNREACHABLE_NETWORK_CODES.has(code))) return true;
    if (name === "PrismaClientInitializationError") return true;
    if (typeof message === "string" && /Can't reach database server|Connection terminated|connection timeout/i.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
