import { describe, expect, it } from 'vitest';
import { throttleNetwork } from '../../src/domain/client-network.ts';

describe('the network a client address is counted by', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['203.113.5.9', '203.113.5.9'],
    ['::ffff:203.113.5.9', '203.113.5.9'],
    ['::1', '0:0:0:0::/64'],
    ['2001:db8:abcd:12:1:2:3:4', '2001:db8:abcd:12::/64'],
    ['2001:db8:abcd:12::99', '2001:db8:abcd:12::/64'],
    ['2001:0db8:ABCD:0012:ffff::1', '2001:db8:abcd:12::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['not an address', 'not an address'],
  ])('%s → %s', (address, network) => {
    expect(throttleNetwork(address)).toBe(network);
  });

  it('counts two addresses of one IPv6 /64 as one client', () => {
    expect(throttleNetwork('2001:db8:1:2:aaaa::1')).toBe(throttleNetwork('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(throttleNetwork('2001:db8:1:2::1')).not.toBe(throttleNetwork('2001:db8:1:3::1'));
  });
});
