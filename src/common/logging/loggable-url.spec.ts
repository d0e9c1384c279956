import { loggableUrl } from './loggable-url';

const unmatched = (url: string) => loggableUrl({ url, params: {} });

describe('loggableUrl', () => {
  it('redacts the credential parameters of a matched route, and a draft claim text', () => {
    expect(loggableUrl({ url: '/v1/auth/invitations/abc123', params: { code: 'abc123' }, routeOptions: { url: '/v1/auth/invitations/:code' } })).toBe(
      '/v1/auth/invitations/[redacted]',
    );
    expect(loggableUrl({ url: '/reset/abc123', params: { '*': 'abc123' }, routeOptions: { url: '/reset/*' } })).toBe('/reset/[redacted]');
    expect(loggableUrl({ url: '/v1/claims/similar?text=draft&limit=5', params: {}, routeOptions: { url: '/v1/claims/similar' } })).toBe(
      '/v1/claims/similar?text=[redacted]&limit=5',
    );
  });

  it.each([
    ['/v1/auth/invitations/abc123/', '/v1/auth/invitations/[redacted]'],
    ['/v1/auth/password-resets/abc123/x', '/v1/auth/password-resets/[redacted]'],
    ['/V1/AUTH/INVITATIONS/abc123', '/V1/AUTH/INVITATIONS/[redacted]'],
    ['/cal/secret.ics/', '/cal/[redacted]'],
    ['/invite/abc123/more', '/invite/[redacted]'],
    ['/v1/claims/nope?text=draft', '/v1/claims/nope?text=[redacted]'],
  ])('redacts what follows a credential segment in an address that matched no route: %s', (url, logged) => {
    expect(unmatched(url)).toBe(logged);
  });
});
