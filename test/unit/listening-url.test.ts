/** The URL printed by npm start and put in the QR of a locally made proof, from the listening address. */
import { listeningUrl } from '../../server/app';

describe('listeningUrl', () => {
  it('names this machine for a wildcard address, and brackets IPv6', () => {
    expect(listeningUrl({ address: '127.0.0.1', family: 'IPv4', port: 8787 })).toBe('http://127.0.0.1:8787');
    expect(listeningUrl({ address: '0.0.0.0', family: 'IPv4', port: 8787 })).toBe('http://localhost:8787');
    expect(listeningUrl({ address: '::', family: 'IPv6', port: 9000 })).toBe('http://localhost:9000');
    expect(listeningUrl({ address: '::1', family: 'IPv6', port: 9000 })).toBe('http://[::1]:9000');
  });

  it('has no URL before the server listens or on a pipe', () => {
    expect(listeningUrl(null)).toBeNull();
    expect(listeningUrl('/tmp/app.sock')).toBeNull();
  });
});
