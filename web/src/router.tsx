// The route tree. Every screen is its own chunk (lazyRouteComponent), so the first load carries only the shell.
import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { ApiError } from './api/client.ts';
import { meQuery } from './api/queries.ts';
import { abilities } from './auth/session.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { ErrorState, PageSkeleton } from './components/states.tsx';
import i18n from './i18n/index.ts';
import { parseDashboardSearch } from './routes/dashboard/search.ts';
import { parseQueueSearch } from './routes/queues/search.ts';
import { isQueueView } from './routes/queues/views.ts';

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({ component: Outlet });

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (params: Record<string, unknown>): { next?: string } =>
    typeof params.next === 'string' ? { next: params.next } : {},
  component: lazyRouteComponent(() => import('./routes/login/LoginPage.tsx'), 'LoginPage'),
});

/** Every screen behind the login: loads the user (and their language) once, or sends them to log in. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      const me = await context.queryClient.ensureQueryData(meQuery);
      if (i18n.language !== me.locale) {
        await i18n.changeLanguage(me.locale);
      }
      return { me };
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        throw redirect({ to: '/login', search: { next: location.href } });
      }
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
    parse: (params: { view: string }) => {
      if (!isQueueView(params.view)) {
        throw redirect({ to: '/queues/$view', params: { view: 'all' } });
      }
      return { view: params.view };
    },
    stringify: (params: { view: string }) => ({ view: params.view }),
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

const customersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/customers',
  validateSearch: (params: Record<string, unknown>): { q?: string } =>
    typeof params.q === 'string' && params.q ? { q: params.q } : {},
  component: lazyRouteComponent(() => import('./routes/customers/CustomersPage.tsx'), 'CustomersPage'),
});

const customerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/customers/$customerId',
  component: lazyRouteComponent(() => import('./routes/customers/CustomerPage.tsx'), 'CustomerPage'),
});

const surveysRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/surveys',
  component: lazyRouteComponent(() => import('./routes/surveys/SurveysPage.tsx'), 'SurveysPage'),
});

/** Analytics: its filters live in the URL (period, grain, unit, channel, kind, category). */
const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dashboard',
  validateSearch: parseDashboardSearch,
  component: lazyRouteComponent(() => import('./routes/dashboard/DashboardPage.tsx'), 'DashboardPage'),
});

/** Administration: each section checks the role itself and shows the 403 state to others. */
const adminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin',
  component: lazyRouteComponent(() => import('./routes/admin/AdminLayout.tsx'), 'AdminLayout'),
});
const adminIndexRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    throw redirect({ to: abilities(context.me.role).administer ? '/admin/units' : '/admin/tokens' });
  },
});
const adminSections = [
  createRoute({
    getParentRoute: () => adminRoute,
    path: 'units',
    component: lazyRouteComponent(() => import('./routes/admin/units/UnitsPage.tsx'), 'UnitsPage'),
  }),
  createRoute({
    getParentRoute: () => adminRoute,
    path: 'users',
    component: lazyRouteComponent(() => import('./routes/admin/users/UsersPage.tsx'), 'UsersPage'),
  }),
  createRoute({
    getParentRoute: () => adminRoute,
    path: 'categories',
    component: lazyRouteComponent(() => import('./routes/admin/categories/CategoriesPage.tsx'), 'CategoriesPage'),
  }),
  createRoute({
    getParentRoute: () => adminRoute,
    path: 'sla',
    component: lazyRouteComponent(() => import('./routes/admin/sla/SlaPage.tsx'), 'SlaPage'),
  }),
  createRoute({
    getParentRoute: () => adminRoute,
    path: 'mailboxes',
    component: lazyRouteComponent(() => import('./routes/admin/mailboxes/MailboxesPage.tsx'), 'MailboxesPage'),
  }),
  createRoute({
    getParentRoute: () => adminRoute,
    path: 'templates',
    component: lazyRouteComponent(() => import('./routes/admin/templates/TemplatesPage.tsx'), 'TemplatesPage'),
  }),
  createRoute({
    getParentRoute: () => adminRoute,
    path: 'tokens',
    component: lazyRouteComponent(() => import('./routes/admin/tokens/TokensPage.tsx'), 'TokensPage'),
  }),
] as const;

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    indexRoute,
    queuesRoute,
    newAppealRoute,
    appealRoute,
    submitRoute,
    customersRoute,
    customerRoute,
    surveysRoute,
    dashboardRoute,
    adminRoute.addChildren([adminIndexRoute, ...adminSections]),
  ]),
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
