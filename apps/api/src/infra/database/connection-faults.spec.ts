import { isDatabaseUnavailable, isTransientDatabaseError } from './connection-faults.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['admin shutdown (pg_terminate_backend, fast restart)', withCode('57P01')],
    ['crash shutdown (immediate restart)', withCode('57P02')],
    ['cannot connect now (starting up)', withCode('57P03')],
    ['too many connections', withCode('53300')],
    ['a connection exception (class 08)', withCode('08006')],
    ['connection refused', withCode('ECONNREFUSED')],
    ['connection reset', withCode('ECONNRESET')],
    ['a closed socket', new Error('Connection terminated unexpectedly')],
    ['a pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['a broken client reused', new Error('Client has encountered a connection error and is not queryable')],
    ['TypeORM wrapping a driver error', Object.assign(new Error('query failed'), { driverError: withCode('57P01') })],
    ['a dual-stack connect failure', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])],
  ])('is true for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['invalid byte sequence (bad input)', withCode('22021')],
    ['a syntax error', withCode('42601')],
    ['a deadlock (retried, not an outage)', withCode('40P01')],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error', 'ECONNREFUSED'],
    ['null', null],
  ])('is false for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('treats deadlocks and serialisation failures as transient, bad input as not', () => {
    expect(isTransientDatabaseError(withCode('40P01'))).toBe(true);
    expect(isTransientDatabaseError(withCode('40001'))).toBe(true);
    expect(isTransientDatabaseError(withCode('57P01'))).toBe(true);
    expect(isTransientDatabaseError(withCode('22021'))).toBe(false);
  });
});
