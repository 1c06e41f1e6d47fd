// The route tree. Every screen is its own chunk (lazyRouteComponent), so the first load carries only the shell.
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import { ApiError } from './api/client.ts';
import { meQuery } from './api/queries.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { ErrorState, PageSkeleton } from './components/states.tsx';
import i18n from './i18n/index.ts';
import { parseQueueSearch } from './routes/queues/search.ts';
import { isQueueView } from './routes/queues/views.ts';

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({ component: Outlet });

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (s: Record<string, unknown>): { next?: string } => (typeof s.next === 'string' ? { next: s.next } : {}),
  component: lazyRouteComponent(() => import('./routes/login/LoginPage.tsx'), 'LoginPage'),
});

/** Every screen behind the login: loads the user (and their language) once, or sends them to log in. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      const me = await context.queryClient.ensureQueryData(meQuery);
      if (i18n.language !== me.locale) await i18n.changeLanguage(me.locale);
      return { me };
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) throw redirect({ to: '/login', search: { next: location.href } });
      throw err;
    }
  },
  component: AppLayout,
  pendingComponent: PageSkeleton,
  errorComponent: ({ error }) => <ErrorState error={error} />,
});

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    throw context.me.role === 'unit_responsible'
      ? redirect({ to: '/submit' })
      : redirect({ to: '/queues/$view', params: { view: 'mine' } });
  },
});

const queuesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/queues/$view',
  params: {
    parse: (p: { view: string }) => {
      if (!isQueueView(p.view)) throw redirect({ to: '/queues/$view', params: { view: 'all' } });
      return { view: p.view };
    },
    stringify: (p: { view: string }) => ({ view: p.view }),
  },
  validateSearch: parseQueueSearch,
  component: lazyRouteComponent(() => import('./routes/queues/QueuesPage.tsx'), 'QueuesPage'),
});

const newAppealRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/appeals/new',
  component: lazyRouteComponent(() => import('./routes/new-appeal/NewAppealPage.tsx'), 'NewAppealPage'),
});

const appealRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/appeals/$appealId',
  component: lazyRouteComponent(() => import('./routes/appeal/AppealPage.tsx'), 'AppealPage'),
});

const submitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/submit',
  component: lazyRouteComponent(() => import('./routes/submit/SubmitPage.tsx'), 'SubmitPage'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([indexRoute, queuesRoute, newAppealRoute, appealRoute, submitRoute]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPendingComponent: PageSkeleton,
    defaultErrorComponent: ({ error }) => <ErrorState error={error} />,
    defaultNotFoundComponent: () => <ErrorState notFound />,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
