import { ConfigError, parseConfig } from './app-config.js';

describe('parseConfig', () => {
  it('defaults to port 3000, the embedded database and the demo organisation', () => {
    const config = parseConfig({}, '/srv/app');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir).toBe('/srv/app/.resonance/pg');
    expect(config.seedDemo).toBe(true);
    expect(config.allowSignup).toBe(false);
  });

  it('turns mail on with SMTP_URL, and links e-mails to RESONANCE_PUBLIC_URL (default: localhost and the port)', () => {
    expect(parseConfig({}).smtpUrl).toBeNull();
    expect(parseConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    const config = parseConfig({
      SMTP_URL: 'smtps://u:p@mail.example.org:465',
      RESONANCE_PUBLIC_URL: 'https://r.example.org/',
    });
    expect(config.smtpUrl).toBe('smtps://u:p@mail.example.org:465');
    expect(config.publicUrl).toBe('https://r.example.org');
  });

  it('uses DATABASE_URL and does not seed a demo there unless asked', () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://u:p@db:5432/resonance' });
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/resonance');
    expect(config.seedDemo).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, "PORT must be an integer from 0 to 65535 (got 'eighty')"],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL must start with postgres://'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL is not a valid URL'],
    [{ RESONANCE_ALLOW_SIGNUP: 'maybe' }, "RESONANCE_ALLOW_SIGNUP must be true or false (got 'maybe')"],
    [{ RESONANCE_ADMIN_EMAIL: 'a@b.org' }, 'must be set together'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of error, warn, log, debug'],
    [{ RESONANCE_TRUST_PROXY: 'true' }, 'RESONANCE_TRUST_PROXY must be false, a number of proxies from 0 to 10'],
    [{ RESONANCE_TRUST_PROXY: '10.0.0.0/33' }, "(got '10.0.0.0/33'"],
    [{ RESONANCE_TRUST_PROXY: 'loopback,proxy.internal' }, 'RESONANCE_TRUST_PROXY must be'],
    [{ RESONANCE_TRUST_PROXY: '11' }, 'RESONANCE_TRUST_PROXY must be'],
    [{ RESONANCE_MAX_INFLATED_BYTES: '12' }, 'RESONANCE_MAX_INFLATED_BYTES must be an integer from 1024'],
    [{ SMTP_URL: 'http://mail.example.org' }, 'SMTP_URL must start with smtp:// or smtps://'],
    [{ SMTP_URL: 'not a url' }, 'SMTP_URL is not a valid URL'],
    [{ RESONANCE_PUBLIC_URL: 'resonance.example.org' }, 'RESONANCE_PUBLIC_URL must be an http(s) address'],
    [{ RESONANCE_DIGEST_RETRY_DELAY_SECONDS: '0' }, 'RESONANCE_DIGEST_RETRY_DELAY_SECONDS must be an integer from 1'],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  it.each([
    [undefined, ['loopback']],
    ['false', false],
    ['0', false],
    ['2', 2],
    ['loopback, 10.0.0.0/8, 192.168.1.10, fd00::/8', ['loopback', '10.0.0.0/8', '192.168.1.10', 'fd00::/8']],
  ])('reads RESONANCE_TRUST_PROXY=%s as %j', (raw, expected) => {
    expect(parseConfig(raw === undefined ? {} : { RESONANCE_TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it('caps gzip bodies at 128 MiB decompressed unless configured', () => {
    expect(parseConfig({}).maxInflatedBytes).toBe(128 * 1024 * 1024);
    expect(parseConfig({ RESONANCE_MAX_INFLATED_BYTES: '4096' }).maxInflatedBytes).toBe(4096);
  });

  it('lists every problem at once', () => {
    try {
      parseConfig({ PORT: '-1', LOG_LEVEL: 'x' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });
});
