// Attachment endpoints: upload (staged or onto an appeal), metadata, listing, and the bytes themselves.
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
import { Attachment, AttachmentList } from './attachments.schema.ts';
import * as attachments from './attachments.service.ts';
import { contentDisposition } from './file-names.ts';
import { receiveUpload } from './multipart-upload.ts';

const uploadErrors = { ...errorResponses, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody } as const;
const UPLOAD_NOTE =
  'multipart/form-data: `file` (up to the configured size) and optional `documentKind` (receipt, repair_act, ' +
  'scan, photo…). The type is sniffed from the bytes. Send an Idempotency-Key header to make retries safe.';

const tags = ['attachments'];

/** Uploads: staged before the appeal exists, or onto an appeal. */
function registerUploadRoutes(app: App, ctx: Ctx) {
  app.post(
    '/api/v1/attachments',
    {
      config: { permission: 'appeals:create' },
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        description: `Stages a file for an appeal yet to be created. ${UPLOAD_NOTE}`,
        headers: IdempotencyHeaders,
        response: { 201: Attachment, ...uploadErrors },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      attachments.assertMayStage(actor);
      const outcome = await attachments.stageUpload(ctx, actor, await receiveUpload(req, ctx), idempotencyKey(req));
      return sendCreated(reply, outcome);
    },
  );

  app.post(
    '/api/v1/appeals/:id/attachments',
    {
      config: { permission: 'appeals:comment' },
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        description: `Adds a file to an appeal. ${UPLOAD_NOTE}`,
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 201: Attachment, ...uploadErrors },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await attachments.assertMayAttach(ctx.db, actor, req.params.id);
      const upload = await receiveUpload(req, ctx);
      const outcome = await attachments.addToAppeal(ctx, actor, {
        appealId: req.params.id,
        upload,
        idempotencyKey: idempotencyKey(req),
      });
      return sendCreated(reply, outcome);
    },
  );
}

/** An appeal's files, one file's record and its bytes. */
function registerReadRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/appeals/:id/attachments',
    {
      config: { permission: 'appeals:read' },
      schema: { tags, params: IdParams, response: { 200: AttachmentList, ...errorResponses } },
    },
    async (req) => ({ items: await attachments.listAppealAttachments(ctx, actorOf(req), req.params.id) }),
  );

  app.get(
    '/api/v1/attachments/:id',
    {
      config: { permission: 'appeals:read' },
      schema: { tags, params: IdParams, response: { 200: Attachment, ...errorResponses } },
    },
    async (req) => attachments.getAttachment(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/attachments/:id/content',
    {
      config: { permission: 'appeals:read' },
      schema: {
        tags,
        params: IdParams,
        description: 'The bytes, with the type sniffed at upload.',
        response: { 200: z.unknown().describe('The file'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { info, file } = await attachments.openAttachment(ctx, actorOf(req), req.params.id);
      const image = info.contentType.startsWith('image/');
      return reply
        .headers({
          'content-type': info.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : info.contentType,
          'content-length': String(info.size),
          'content-disposition': contentDisposition(info.fileName, image),
          'x-content-type-options': 'nosniff',
          'cache-control': 'private',
          etag: `"${info.sha256}"`,
        })
        .send(file.createReadStream());
    },
  );
}

export async function registerAttachmentRoutes(app: App, ctx: Ctx) {
  registerUploadRoutes(app, ctx);
  registerReadRoutes(app, ctx);
}
