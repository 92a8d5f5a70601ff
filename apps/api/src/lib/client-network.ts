import ipaddr from "ipaddr.js";

/**
 * The network a request comes from, as sign-in attempts are counted: an IPv4 address as it is,
 * an IPv6 address as its /64, since one home or office is given a whole /64 and could otherwise
 * try again from a fresh address each time. An IPv4 address written as IPv6 ("::ffff:192.0.2.7")
 * is the IPv4 address.
 */
export function clientNetwork(address: string | null): string {
  if (!address || !ipaddr.isValid(address)) return "unknown";
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const prefix = ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`);
  return `${prefix.toString()}/64`;
}
