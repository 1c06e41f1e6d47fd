// The public answer pages, reached without logging in by a signed link: rate-limited, server-rendered HTML with
// no caching and no referrer (the link is the customer's key), and one small inline script under a nonce.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { validationFailed } from '../../server/errors.ts';
import type { App } from '../../server/http.ts';
import { PAGE_HEADERS } from '../../server/security-headers.ts';
import {
  type ClosedReason,
  type KioskClosed,
  openInvitation,
  openKiosk,
  saveAnswers,
  submitKiosk,
} from './answers.service.ts';
import { type FormPage, formAnswers, messagePage, parseForm, surveyPage } from './page.ts';

// Per client address: a person answers a few questions a minute; a tablet at a busy desk takes a submission a minute.
const PAGE_RATE = { max: 60, timeWindow: 60_000 };
const SAVE_RATE = { max: 240, timeWindow: 60_000 };
const FORM_LIMIT_BYTES = 64 * 1024;

const STATUS: Record<ClosedReason | KioskClosed, number> = {
  tampered: 400,
  expired: 410,
  used: 410,
  closed: 410,
  link_expired: 410,
  link_revoked: 410,
};
const TokenParams = z.object({ token: z.string().min(10).max(200) });
const PAGE_SCHEMA = { hide: true, params: TokenParams };

/** What a page may load and where it may send: its own style and script (by nonce) and this site. */
const contentSecurityPolicy = (nonce: string) =>
  [
    `default-src 'none'`,
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `connect-src 'self'`,
    `form-action 'self'`,
    `base-uri 'none'`,
    `frame-ancestors 'none'`,
  ].join('; ');

function html(reply: FastifyReply, status: number, page: (nonce: string) => string) {
  const nonce = randomBytes(16).toString('base64');
  return reply
    .code(status)
    .headers({
      ...PAGE_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-security-policy': contentSecurityPolicy(nonce),
    })
    .send(page(nonce));
}

/** The page that says why a link cannot be used, with that reason's status. */
const closedPage = (reply: FastifyReply, reason: ClosedReason | KioskClosed, locale: 'ru' | 'en') =>
  html(reply, STATUS[reason], (nonce) => messagePage(reason, locale, nonce));

/** The survey form, with the answers and errors of a submission sent back. */
const formPage = (reply: FastifyReply, status: number, form: Omit<FormPage, 'nonce'>) =>
  html(reply, status, (nonce) => surveyPage({ ...form, nonce }));

/** The customer's language: ?lang=, else the browser's first preference between ours, else Russian. */
function requestLocale(req: FastifyRequest, fallback: 'ru' | 'en' | null): 'ru' | 'en' {
  const lang = (req.query as Record<string, unknown>)?.lang;
  if (lang === 'ru' || lang === 'en') {
    return lang;
  }
  if (fallback) {
    return fallback;
  }
  const accept = String(req.headers['accept-language'] ?? '').toLowerCase();
  const ru = accept.indexOf('ru');
  const en = accept.indexOf('en');
  return en >= 0 && (ru < 0 || en < ru) ? 'en' : 'ru';
}

const formBody = (req: FastifyRequest): Record<string, string | string[]> =>
  (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string | string[]>;

export async function registerSurveyPublicRoutes(app: App, ctx: Ctx) {
  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // Forms post urlencoded; only these routes accept it.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES },
      (_req, body, done) => done(null, parseForm(body as string)),
    );
    registerKioskPages(scope, ctx);
    registerLinkPages(scope, ctx);
  });
}

/** The tablet at a unit's desk: a fresh form for every visitor, each submission one response. */
function registerKioskPages(scope: App, ctx: Ctx) {
  scope.get('/s/kiosk/:token', { config: { rateLimit: PAGE_RATE }, schema: PAGE_SCHEMA }, async (req, reply) => {
    const locale = requestLocale(req, null);
    const kiosk = await openKiosk(ctx, req.params.token);
    if (kiosk.state !== 'open') {
      return closedPage(reply, kiosk.state, locale);
    }
    return formPage(reply, 200, {
      questions: kiosk.survey.questions,
      locale,
      answers: new Map(),
      errors: [],
      action: `/s/kiosk/${req.params.token}?lang=${locale}`,
      saveUrl: null,
      hidden: { nonce: randomUUID() },
    });
  });

  scope.post('/s/kiosk/:token', { config: { rateLimit: PAGE_RATE }, schema: PAGE_SCHEMA }, async (req, reply) => {
    const { token } = req.params;
    const locale = requestLocale(req, null);
    const body = formBody(req);
    const nonce = typeof body.nonce === 'string' && z.uuid().safeParse(body.nonce).success ? body.nonce : randomUUID();
    const outcome = await submitKiosk(ctx, { token, nonce, locale, answers: formAnswers(body) });
    const next = `/s/kiosk/${token}?lang=${locale}`;
    if (outcome.state === 'invalid') {
      return formPage(reply, 400, {
        questions: outcome.survey.questions,
        locale,
        answers: outcome.answers,
        errors: outcome.errors,
        action: next,
        saveUrl: null,
        hidden: { nonce },
      });
    }
    if (outcome.state !== 'saved' && outcome.state !== 'already') {
      return closedPage(reply, outcome.state, locale);
    }
    return html(reply, 200, (pageNonce) => messagePage('thanks', locale, pageNonce, next));
  });
}

/** A customer's own signed link: the form saves each answer as it is given, and Send completes it. */
function registerLinkPages(scope: App, ctx: Ctx) {
  scope.get('/s/:token', { config: { rateLimit: PAGE_RATE }, schema: PAGE_SCHEMA }, async (req, reply) => {
    const page = await openInvitation(ctx, req.params.token);
    const locale = requestLocale(req, page.locale);
    if (page.state !== 'open') {
      return closedPage(reply, page.state, locale);
    }
    return formPage(reply, 200, {
      questions: page.survey.questions,
      locale,
      answers: page.answers,
      errors: [],
      action: `/s/${req.params.token}`,
      saveUrl: `/s/${req.params.token}/answers`,
    });
  });

  scope.post('/s/:token', { config: { rateLimit: PAGE_RATE }, schema: PAGE_SCHEMA }, async (req, reply) => {
    const { token } = req.params;
    const outcome = await saveAnswers(ctx, { token, answers: formAnswers(formBody(req)), complete: true });
    if (outcome.state === 'invalid') {
      const { page } = outcome;
      return formPage(reply, 400, {
        questions: page.survey.questions,
        locale: page.locale,
        answers: page.answers,
        errors: outcome.errors,
        action: `/s/${token}`,
        saveUrl: `/s/${token}/answers`,
      });
    }
    const locale = requestLocale(req, outcome.state === 'saved' ? null : outcome.locale);
    if (outcome.state !== 'saved') {
      return closedPage(reply, outcome.state, locale);
    }
    return html(reply, 200, (nonce) => messagePage('thanks', locale, nonce));
  });

  // The page's script saves each answer as it is given (JSON); the same rules, no completion.
  scope.post(
    '/s/:token/answers',
    {
      config: { rateLimit: SAVE_RATE },
      schema: {
        hide: true,
        params: TokenParams,
        body: z.strictObject({ answers: z.record(z.string().max(40), z.unknown()) }),
      },
    },
    async (req, reply) => {
      const outcome = await saveAnswers(ctx, { token: req.params.token, answers: req.body.answers, complete: false });
      if (outcome.state === 'saved') {
        return reply.header('cache-control', 'no-store').send({ saved: true });
      }
      if (outcome.state === 'invalid') {
        const error = validationFailed(outcome.errors);
        return reply.code(400).send({ error: { code: error.code, message: error.message, fields: error.fields } });
      }
      return reply
        .code(STATUS[outcome.state])
        .send({ error: { code: `link_${outcome.state}`, message: LINK_MESSAGES[outcome.state], fields: [] } });
    },
  );
}

/** What the page's script is told about a link that cannot take answers. */
const LINK_MESSAGES: Record<ClosedReason, string> = {
  tampered: 'This survey link is not valid',
  expired: 'The time to answer has passed',
  used: 'This survey has already been answered',
  closed: 'This survey has ended',
};
