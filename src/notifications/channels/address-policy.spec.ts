import { checkWebhookUrl, isPublicAddress } from './address-policy';

describe('the webhook address policy (SSRF guard)', () => {
  it.each([
    ['loopback', '127.0.0.1'],
    ['loopback, elsewhere in 127/8', '127.3.4.5'],
    ['private 10/8', '10.1.2.3'],
    ['private 172.16/12', '172.20.0.1'],
    ['private 192.168/16', '192.168.1.10'],
    ['link-local', '169.254.10.20'],
    ['cloud metadata', '169.254.169.254'],
    ['CGNAT', '100.64.0.1'],
    ['multicast', '224.0.0.1'],
    ['unspecified', '0.0.0.0'],
    ['broadcast', '255.255.255.255'],
    ['IPv6 loopback', '::1'],
    ['IPv6 unspecified', '::'],
    ['IPv6 unique local', 'fd12:3456:789a::1'],
    ['IPv6 link-local', 'fe80::1'],
    ['IPv6 multicast', 'ff02::1'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped metadata', '::ffff:169.254.169.254'],
    ['IPv4-mapped private', '::ffff:10.0.0.1'],
    ['not an address', 'example.org'],
  ])('refuses %s (%s)', (_, address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('accepts the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('refuses non-http(s) URLs and private literal hosts at registration', async () => {
    await expect(checkWebhookUrl('ftp://example.org/hook', false)).rejects.toThrow(/http/);
    await expect(checkWebhookUrl('file:///etc/passwd', false)).rejects.toThrow(/http/);
    await expect(checkWebhookUrl('not a url', false)).rejects.toThrow(/not a URL/);
    await expect(checkWebhookUrl('http://127.0.0.1:8080/hook', false)).rejects.toThrow(/non-public/);
    await expect(checkWebhookUrl('http://[::1]/hook', false)).rejects.toThrow(/non-public/);
    await expect(checkWebhookUrl('http://[::ffff:169.254.169.254]/latest', false)).rejects.toThrow(/non-public/);
    await expect(checkWebhookUrl('http://localhost:8080/hook', false)).rejects.toThrow(/non-public/);
    await expect(checkWebhookUrl('https://93.184.216.34/hook', false)).resolves.toBeInstanceOf(URL);
  });

  it('lets private addresses through only when allowed', async () => {
    await expect(checkWebhookUrl('http://127.0.0.1:8080/hook', true)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('ftp://127.0.0.1/hook', true)).rejects.toThrow(/http/);
  });
});
