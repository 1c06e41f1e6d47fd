// Owns: the permission every /api/v1 route declares. Required of each route when it is registered, checked for
// every request right after authentication (before the body is read), and published in the OpenAPI document as
// each operation's `x-permission`, so the roles table, the authorisation-matrix test and the API agree.
import type { FastifyRequest, RouteOptions } from 'fastify';
import { can } from '../modules/auth/actor.ts';
import { forbidden } from './errors.ts';
import type { App } from './http.ts';

export type RoutePermission = NonNullable<RouteOptions['config']>['permission'] | 'public';

/** What each registered route needs, by `METHOD /openapi/{path}`, for the OpenAPI document. */
export type DeclaredPermissions = Map<string, RoutePermission>;

const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

export function declaredPermission(route: Pick<RouteOptions, 'config'>): RoutePermission | undefined {
  return route.config?.public ? 'public' : route.config?.permission;
}

/** Refuses to start with an /api/v1 route that says neither who may call it nor that it is public. */
export function requireDeclaredPermissions(app: App): DeclaredPermissions {
  const declared: DeclaredPermissions = new Map();
  app.addHook('onRoute', (route) => {
    const permission = declaredPermission(route);
    if (!permission && route.url.startsWith('/api/v1/')) {
      throw new Error(`${String(route.method)} ${route.url} declares no permission (config.permission or public)`);
    }
    for (const method of permission ? [route.method].flat() : []) {
      declared.set(`${method.toLowerCase()} ${openApiPath(route.url)}`, permission);
    }
  });
  return declared;
}

/** Throws forbidden unless the caller's role holds what the request's route declared. */
export function checkRoutePermission(req: FastifyRequest): void {
  const permission = req.routeOptions.config.permission;
  if (req.actor && permission && permission !== 'signed_in' && !can(req.actor, permission)) {
    throw forbidden(`Your role (${req.actor.role}) may not ${permission.replace(':', ' ')}`);
  }
}
