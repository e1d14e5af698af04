import { BlockList, isIP } from 'node:net';

/** Addresses an outbound webhook may not reach unless allowed: private, loopback, link-local, and the like. */
const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32]] as const) blocked.addSubnet(net, bits, 'ipv6');

const mappedV4 = (address: string): string | undefined => /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];

/** An allowlist (CRM_WEBHOOK_ALLOW): host names, single addresses, or CIDRs. */
export const allowList = (entries: string[]) => {
  const hosts = new Set<string>();
  const nets = new BlockList();
  for (const e of entries.map((x) => x.trim().toLowerCase()).filter(Boolean)) {
    const [addr, bits] = e.split('/');
    const family = isIP(addr);
    if (!family) hosts.add(e);
    else if (bits !== undefined) nets.addSubnet(addr, Number(bits), family === 6 ? 'ipv6' : 'ipv4');
    else nets.addAddress(addr, family === 6 ? 'ipv6' : 'ipv4');
  }
  return {
    host: (name: string) => hosts.has(name.toLowerCase()),
    address: (address: string) => {
      const v4 = mappedV4(address);
      return v4 ? nets.check(v4, 'ipv4') : nets.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
    },
  };
};

/** Whether an address is private, loopback, link-local or otherwise not on the public internet. */
export const isPrivateAddress = (address: string): boolean => {
  const v4 = mappedV4(address);
  if (v4) return blocked.check(v4, 'ipv4');
  const family = isIP(address);
  if (!family) return true;
  return blocked.check(address, family === 6 ? 'ipv6' : 'ipv4');
};
