// GET /api/v1/events: server-sent events of appeals the user may see, for the web app's live views.
import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../server/errors.ts';
import { actorOf, type App, ErrorBody, errorResponses } from '../../server/http.ts';
import { authorize, canSeeUnit, type Actor } from '../auth/actor.ts';
import { SESSION_COOKIE } from '../auth/auth.routes.ts';
import { actorFromCredentials } from '../auth/auth.service.ts';
import type { AppealEvent } from './events.schema.ts';
import { busOf } from './events.service.ts';

/** A comment line this often keeps proxies (and the browser) from closing an idle stream. */
export const HEARTBEAT_MS = 25_000;
/** Open streams per user: a few tabs are fine, a leak is not. */
export const MAX_STREAMS_PER_USER = 5;
/** A client that reads slower than this much backlog is cut off; EventSource reconnects and the view refetches. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

export const frame = (e: AppealEvent) => `event: appeal\ndata: ${JSON.stringify(e)}\n\n`;

/** Open streams, by user id. */
type Streams = Map<string, Set<ServerResponse>>;

function credentialsOf(req: FastifyRequest) {
  const auth = req.headers.authorization;
  return {
    bearer: auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined,
    sessionToken: req.cookies[SESSION_COOKIE],
  };
}

function startStream(res: ServerResponse) {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 5000\n: connected\n\n');
  return (text: string) => {
    if (res.writableLength > MAX_BACKLOG_BYTES) {
      res.end();
    } else {
      res.write(text);
    }
  };
}

/** Streams the appeal events the actor may see until the client leaves or its credentials stop being valid. */
function openStream(ctx: Ctx, streams: Streams, req: FastifyRequest, reply: FastifyReply) {
  let actor: Actor = actorOf(req);
  authorize(actor, 'appeals:read');
  const mine = streams.get(actor.id) ?? new Set<ServerResponse>();
  if (mine.size >= MAX_STREAMS_PER_USER) {
    throw new AppError(
      'rate_limited',
      `At most ${MAX_STREAMS_PER_USER} live-update streams per user; close another tab`,
    );
  }
  const credentials = credentialsOf(req);
  reply.hijack();
  const res = reply.raw;
  const send = startStream(res);
  mine.add(res);
  streams.set(actor.id, mine);
  const unsubscribe = busOf(ctx).subscribe((event) => {
    if (canSeeUnit(actor, event.unitId)) {
      send(frame(event));
    }
  });
  const heartbeat = setInterval(() => {
    // A logged-out session or revoked token ends the stream; a changed role or unit list applies from now on.
    void actorFromCredentials(ctx, credentials).then(
      (current) => {
        if (!current) {
          return res.end();
        }
        actor = current;
        send(': heartbeat\n\n');
      },
      () => send(': heartbeat\n\n'),
    );
  }, HEARTBEAT_MS);
  heartbeat.unref();

  res.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
    mine.delete(res);
    if (mine.size === 0 && streams.get(actor.id) === mine) {
      streams.delete(actor.id);
    }
  });
}

export async function registerEventRoutes(app: App, ctx: Ctx) {
  const streams: Streams = new Map();

  // Open streams never end on their own: close them before the server waits for its connections.
  app.addHook('preClose', async () => {
    for (const set of streams.values()) {
      for (const res of set) {
        res.end();
      }
    }
    await busOf(ctx).close();
  });

  app.get(
    '/api/v1/events',
    {
      config: { permission: 'signed_in' },
      schema: {
        tags: ['events'],
        description:
          'A text/event-stream of `event: appeal` with data {id, number, status, ownerId, unitId, updatedAt, action} ' +
          '(action: created, updated, message) for every appeal the user may see. ' +
          'A comment line every 25 s keeps it open. ' +
          `At most ${MAX_STREAMS_PER_USER} streams per user (429 beyond).`,
        response: { 429: ErrorBody, ...errorResponses },
      },
    },
    async (req, reply) => openStream(ctx, streams, req, reply),
  );
}
