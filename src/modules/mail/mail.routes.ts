// The e-mail channel's endpoints: mailboxes (administrators), received mail and its raw source, an appeal's mail.
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import {
  actorOf,
  type App,
  ErrorBody,
  errorResponses,
  IdempotencyHeaders,
  idempotencyKey,
  IdParams,
  sendCreated,
} from '../../server/http.ts';
import { authorize } from '../auth/actor.ts';
import { pollNow } from './imap-poller.ts';
import { listMail, mailOfAppeal, openRawMail } from './mail-records.service.ts';
import {
  CreateMailbox,
  MailMessage,
  MailQuery,
  Mailbox,
  MailboxPollResult,
  UpdateMailbox,
} from './mailboxes.schema.ts';
import { createMailbox, getMailbox, listMailboxes, updateMailbox } from './mailboxes.service.ts';

const tags = ['mail'];

export async function registerMailRoutes(app: App, ctx: Ctx) {
  registerMailboxRoutes(app, ctx);
  registerReceivedMailRoutes(app, ctx);
}

/** Mailboxes, for administrators: their settings, and polling one now. */
function registerMailboxRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/mail/mailboxes',
    {
      config: { permission: 'settings:read' },
      schema: { tags, response: { 200: z.object({ items: z.array(Mailbox) }), ...errorResponses } },
    },
    async (req) => ({ items: await listMailboxes(ctx, actorOf(req)) }),
  );
  app.post(
    '/api/v1/mail/mailboxes',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        headers: IdempotencyHeaders,
        body: CreateMailbox,
        response: { 201: Mailbox, 409: ErrorBody, ...errorResponses },
      },
    },
    async (req, reply) => sendCreated(reply, await createMailbox(ctx, actorOf(req), req.body, idempotencyKey(req))),
  );
  app.get(
    '/api/v1/mail/mailboxes/:id',
    {
      config: { permission: 'settings:read' },
      schema: { tags, params: IdParams, response: { 200: Mailbox, ...errorResponses } },
    },
    async (req) => getMailbox(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/mail/mailboxes/:id',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        params: IdParams,
        body: UpdateMailbox,
        response: { 200: Mailbox, 409: ErrorBody, ...errorResponses },
      },
    },
    async (req) => updateMailbox(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/mail/mailboxes/:id/poll',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        params: IdParams,
        description: 'Polls an IMAP mailbox now instead of waiting for the scheduler.',
        response: { 200: MailboxPollResult, ...errorResponses },
      },
    },
    async (req) => {
      authorize(actorOf(req), 'settings:write');
      return pollNow(ctx, req.params.id);
    },
  );
}

/** Mail as received: the list for administrators, a mail's raw source, and an appeal's mail. */
function registerReceivedMailRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/mail/messages',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        querystring: MailQuery,
        description: 'Received mail, newest first: filter by verdict to see refused or unreadable mail.',
        response: { 200: z.object({ items: z.array(MailMessage) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await listMail(ctx, actorOf(req), req.query) }),
  );
  app.get(
    '/api/v1/mail/messages/:id/raw',
    {
      config: { permission: 'appeals:read' },
      schema: {
        tags,
        params: IdParams,
        description: 'The mail exactly as received (message/rfc822).',
        response: { 200: z.unknown(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { file, size } = await openRawMail(ctx, actorOf(req), req.params.id);
      return reply
        .headers({
          'content-type': 'message/rfc822',
          'content-length': String(size),
          'content-disposition': `attachment; filename="${req.params.id}.eml"`,
          'x-content-type-options': 'nosniff',
          'cache-control': 'private',
        })
        .send(file.createReadStream());
    },
  );
  app.get(
    '/api/v1/appeals/:id/mail',
    {
      config: { permission: 'appeals:read' },
      schema: {
        tags: ['appeals', 'mail'],
        params: IdParams,
        description:
          "The appeal's mail: the one that opened it and every reply, with quoted text, signature and sanitised HTML.",
        response: { 200: z.object({ items: z.array(MailMessage) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await mailOfAppeal(ctx, actorOf(req), req.params.id) }),
  );
}
