import { describe, expect, it } from 'vitest';
import { isDatabaseOutage } from './outage.ts';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('a database outage', () => {
  it('is a lost or refused connection, by SQLSTATE, socket error or node-postgres message', () => {
    for (const error of [
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P03', 'the database system is starting up'),
      pgError('08006'),
      pgError('53300', 'sorry, too many clients already'),
      pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      Object.assign(new AggregateError([pgError('ECONNREFUSED')]), {}),
      new Error('wrapped', { cause: pgError('57P01') }),
    ]) {
      expect(isDatabaseOutage(error), String(error)).toBe(true);
    }
  });

  it('is not a constraint violation, a syntax error or a bug', () => {
    for (const error of [
      pgError('23505', 'duplicate key'),
      pgError('22P02', 'invalid input syntax'),
      pgError('42601', 'syntax error'),
      new TypeError('x is undefined'),
      'a string',
      null,
    ]) {
      expect(isDatabaseOutage(error)).toBe(false);
    }
  });
});
