// Left navigation: the queues, then the forms. Later screens (customers, admin) add their links here.
import { Divider, NavLink, Stack } from '@mantine/core';
import { Link, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { abilities, useMe } from '../auth/session.ts';
import { SavedViewsNav } from '../routes/queues/SavedViewsNav.tsx';
import { viewsFor } from '../routes/queues/views.ts';
import '../routes/surveys/nav.ts';
import '../routes/dashboard/nav.ts';

interface Destination {
  to: string;
  label: string;
  /** The link is lit on its own path only, or on every path under it too. */
  exact: boolean;
}

/** The screens below the queues that this user's role may open, in the order the menu lists them. */
function useDestinations(): Destination[] {
  const { t } = useTranslation();
  const can = abilities(useMe().role);
  const destinations: (Destination | false)[] = [
    can.workAppeals && { to: '/appeals/new', label: t('nav.newAppeal'), exact: true },
    can.submitFromUnit && { to: '/submit', label: t('nav.submit'), exact: true },
    can.readDirectory && { to: '/customers', label: t('nav.customers'), exact: false },
    { to: '/dashboard', label: t('dashboardNav'), exact: true },
    { to: '/surveys', label: t('surveysNav'), exact: false },
    can.administer
      ? { to: '/admin', label: t('nav.admin'), exact: false }
      : { to: '/admin/tokens', label: t('nav.tokens'), exact: true },
  ];
  return destinations.filter((destination) => destination !== false);
}

export function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const path = useRouterState({ select: (state) => state.location.pathname });
  const destinations = useDestinations();
  const isHere = ({ to, exact }: Destination) => (exact ? path === to : path.startsWith(to));

  return (
    <Stack gap={2}>
      {viewsFor(me).map((view) => (
        <NavLink
          key={view}
          component={Link}
          to={`/queues/${view}`}
          label={t(`queues.view.${view}`)}
          active={path === `/queues/${view}`}
          onClick={onNavigate}
        />
      ))}
      <SavedViewsNav onNavigate={onNavigate} />
      <Divider my="xs" />
      {destinations.map((destination) => (
        <NavLink
          key={destination.to}
          component={Link}
          to={destination.to}
          label={destination.label}
          active={isHere(destination)}
          onClick={onNavigate}
        />
      ))}
    </Stack>
  );
}
