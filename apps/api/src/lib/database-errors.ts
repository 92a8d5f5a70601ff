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

// PostgreSQL's refusals of a value itself: a character it cannot store (a NUL: 22021, 22P05), a
// number beyond its column (22003), a date beyond its range (22008). Input is checked before it
// gets this far; should a value slip past, it is still the request's fault, not the server's.
const REFUSED_VALUE_CODES = new Set(["22021", "22P05", "22003", "22008"]);

export function isRefusedValue(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const { code, originalCode, meta } = current as { code?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: unknown } };
    if ((typeof code === "string" && REFUSED_VALUE_CODES.has(code)) || (typeof originalCode === "string" && REFUSED_VALUE_CODES.has(originalCode))) return true;
    // Prisma keeps the driver's error under meta.driverAdapterError, whose cause holds PostgreSQL's code.
    current = meta?.driverAdapterError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}
