// Left navigation: the queues, then the forms. Later screens (customers, admin) add their links here.
import { Divider, NavLink, Stack } from '@mantine/core';
import { Link, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { abilities, useMe } from '../auth/session.ts';
import { SavedViewsNav } from '../routes/queues/SavedViewsNav.tsx';
import { viewsFor } from '../routes/queues/views.ts';
import '../routes/surveys/nav.ts';
import '../routes/dashboard/nav.ts';

export function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const can = abilities(me.role);
  const path = useRouterState({ select: (s) => s.location.pathname });

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
      {can.workAppeals && (
        <NavLink
          component={Link}
          to="/appeals/new"
          label={t('nav.newAppeal')}
          active={path === '/appeals/new'}
          onClick={onNavigate}
        />
      )}
      {can.submitFromUnit && (
        <NavLink
          component={Link}
          to="/submit"
          label={t('nav.submit')}
          active={path === '/submit'}
          onClick={onNavigate}
        />
      )}
      {can.readDirectory && (
        <NavLink
          component={Link}
          to="/customers"
          label={t('nav.customers')}
          active={path.startsWith('/customers')}
          onClick={onNavigate}
        />
      )}
      <NavLink
        component={Link}
        to="/dashboard"
        label={t('dashboardNav')}
        active={path === '/dashboard'}
        onClick={onNavigate}
      />
      <NavLink
        component={Link}
        to="/surveys"
        label={t('surveysNav')}
        active={path.startsWith('/surveys')}
        onClick={onNavigate}
      />
      {can.administer ? (
        <NavLink
          component={Link}
          to="/admin"
          label={t('nav.admin')}
          active={path.startsWith('/admin')}
          onClick={onNavigate}
        />
      ) : (
        <NavLink
          component={Link}
          to="/admin/tokens"
          label={t('nav.tokens')}
          active={path === '/admin/tokens'}
          onClick={onNavigate}
        />
      )}
    </Stack>
  );
}
