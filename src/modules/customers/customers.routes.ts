// Customers: search, profile, create and edit.
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
import { mergeCustomer, mergePreview } from './customers.merge.ts';
import {
  CreateCustomer,
  Customer,
  CustomerPage,
  CustomerProfile,
  CustomerQuery,
  MergeCustomer,
  MergePreview,
  MergeQuery,
  MergeResult,
  UpdateCustomer,
} from './customers.schema.ts';
import { createCustomer, getCustomer, searchCustomers, updateCustomer } from './customers.service.ts';

export async function registerCustomerRoutes(app: App, ctx: Ctx) {
  const tags = ['customers'];
  app.get(
    '/api/v1/customers',
    {
      config: { permission: 'customers:read' },
      schema: {
        tags,
        querystring: CustomerQuery,
        response: { 200: CustomerPage, ...errorResponses },
      },
    },
    async (req) => searchCustomers(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/customers',
    {
      config: { permission: 'customers:write' },
      schema: {
        tags,
        headers: IdempotencyHeaders,
        body: CreateCustomer,
        response: { 201: Customer, ...errorResponses },
      },
    },
    async (req, reply) => sendCreated(reply, await createCustomer(ctx, actorOf(req), req.body, idempotencyKey(req))),
  );
  app.get(
    '/api/v1/customers/:id',
    {
      config: { permission: 'customers:read' },
      schema: { tags, params: IdParams, response: { 200: CustomerProfile, ...errorResponses } },
    },
    async (req) => getCustomer(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/customers/:id',
    {
      config: { permission: 'customers:write' },
      schema: { tags, params: IdParams, body: UpdateCustomer, response: { 200: Customer, ...errorResponses } },
    },
    async (req) => updateCustomer(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/customers/:id/merge-preview',
    {
      config: { permission: 'customers:read' },
      schema: {
        tags,
        description: 'What merging this customer into `into` would move, fill and drop; changes nothing.',
        params: IdParams,
        querystring: MergeQuery,
        response: { 200: MergePreview, 409: ErrorBody, ...errorResponses },
      },
    },
    async (req) => mergePreview(ctx, actorOf(req), req.params.id, req.query.into),
  );
  app.post(
    '/api/v1/customers/:id/merge',
    {
      config: { permission: 'customers:write' },
      schema: {
        tags,
        description:
          'Merges this customer into `into` in one transaction: appeals (with a history event each), ' +
          'phones and e-mails, ' +
          "the survivor's empty fields. This customer stays as a tombstone whose mergedInto names the survivor.",
        params: IdParams,
        body: MergeCustomer,
        response: { 200: MergeResult, 409: ErrorBody, ...errorResponses },
      },
    },
    async (req) => mergeCustomer(ctx, actorOf(req), req.params.id, req.body.into),
  );
}
