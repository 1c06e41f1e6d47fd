// Which database errors mean "the database is away for now" (a restart, a failover, a killed backend, no free
// connection): the request is answered 503 with Retry-After, since nothing it did was committed and the same
// request, sent again, will succeed once the database is back. Everything else stays a real error.

/** SQLSTATE classes and codes of a lost or refused connection. */
const OUTAGE_STATES = new Set([
  '57P01', // admin_shutdown: pg_ctl stop/restart -m fast, pg_terminate_backend
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
]);

/** Socket errors and node-postgres's own messages for a connection that broke or never opened. */
const OUTAGE_SYSCALLS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);
const OUTAGE_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'Cannot use a pool after calling end on the pool',
];

export function isDatabaseOutage(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (OUTAGE_STATES.has(code) || OUTAGE_SYSCALLS.has(code))) {
    return true;
  }
  if (typeof message === 'string' && OUTAGE_MESSAGES.some((known) => message.includes(known))) {
    return true;
  }
  // AggregateError from a connect that tried several addresses, or an error wrapping its cause.
  const nested = (error as { errors?: unknown[]; cause?: unknown }).errors ?? [(error as { cause?: unknown }).cause];
  return nested.some((inner) => inner !== undefined && inner !== error && isDatabaseOutage(inner));
}
