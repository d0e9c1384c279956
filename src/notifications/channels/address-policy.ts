import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where webhooks may point (SSRF guard). Only public unicast addresses: never loopback,
 * private (RFC 1918), link-local (169.254.0.0/16, which holds the cloud metadata address),
 * CGNAT (100.64.0.0/10), multicast, reserved, IPv6 unique-local or link-local, and no
 * IPv4-mapped IPv6 form of any of those. The same rule is applied again at connect time by
 * `request-filtering-agent`, because DNS can change between registration and delivery.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

export class UrlRefused extends Error {}

/** Checks a webhook URL at registration: http(s), and (unless allowed) public addresses only. */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlRefused('is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UrlRefused('must be an http or https URL');
  if (url.username || url.password) throw new UrlRefused('must not carry credentials');
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new UrlRefused(`host ${host} does not resolve`);
    }
  }
  const refused = addresses.find((a) => !isPublicAddress(a));
  if (refused) throw new UrlRefused(`resolves to ${refused}, a loopback, private, link-local or otherwise non-public address`);
  return url;
}
