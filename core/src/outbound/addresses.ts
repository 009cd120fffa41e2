import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** IPv6's global unicast block; outside it (`::7f00:1`, IPv4-compatible, for one) nothing is public. */
const globalUnicast = ipaddr.parseCIDR('2000::/3');

/** Public unicast only: no loopback, private, link-local, carrier-grade NAT, multicast or reserved ranges. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress()) parsed = parsed.toIPv4Address();
  if (parsed instanceof ipaddr.IPv6 && !parsed.match(globalUnicast)) return false;
  return parsed.range() === 'unicast';
}

/** Which non-public addresses may be called anyway: all of them, or those in the given CIDR ranges. */
export interface AddressPolicy {
  allowPrivateAddresses: boolean;
  /** CIDR ranges (`10.1.2.0/24`, `fd00::5/128`) callable although not public: an internal mirror, over https. */
  allowedPrivateRanges?: readonly string[];
}

export function isCidr(range: string): boolean {
  try {
    ipaddr.parseCIDR(range);
    return true;
  } catch {
    return false;
  }
}

export function isCallableAddress(address: string, policy: AddressPolicy): boolean {
  if (policy.allowPrivateAddresses || isPublicAddress(address)) return true;
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress()) parsed = parsed.toIPv4Address();
  return (policy.allowedPrivateRanges ?? []).some((range) => {
    const [network, bits] = ipaddr.parseCIDR(range);
    return network.kind() === parsed.kind() && parsed.match(network, bits);
  });
}

/**
 * Why the server may not call this URL, or undefined when it may. A name is checked
 * again, on each address it resolves to, when the connection is made.
 */
export function outboundUrlProblem(input: string, options: AddressPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return `"${input}" is not a URL.`;
  }
  if (url.username || url.password) return 'A URL cannot carry a user name or password.';
  if (options.allowPrivateAddresses)
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? undefined
      : 'A URL must start with https:// or http://.';
  if (url.protocol !== 'https:')
    return 'A URL must start with https:// (this server calls only public https addresses).';
  // `localhost.` is `localhost`: a fully qualified name ends with the root's dot.
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) && !isCallableAddress(host, options)))
    return `${url.hostname} is not a public address.`;
  return undefined;
}
