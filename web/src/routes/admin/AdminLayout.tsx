// The administration section: a tab per directory or setting the user's role may change, the screen below.
import { ScrollArea, Stack, Tabs, Title } from '@mantine/core';
import { Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { abilities, useMe, type Ability } from '../../auth/session.ts';
import './strings.ts';

export const ADMIN_SECTIONS: { path: string; ability: Ability | null }[] = [
  { path: 'units', ability: 'manageUnits' },
  { path: 'users', ability: 'manageUsers' },
  { path: 'categories', ability: 'manageCategories' },
  { path: 'sla', ability: 'manageSettings' },
  { path: 'mailboxes', ability: 'manageSettings' },
  { path: 'templates', ability: 'manageSettings' },
  // Everyone keeps their own API tokens.
  { path: 'tokens', ability: null },
];

export function AdminLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const can = abilities(me.role);
  const navigate = useNavigate();
  const current = useRouterState({ select: (state) => state.location.pathname.split('/')[2] ?? '' });
  const sections = ADMIN_SECTIONS.filter((section) => section.ability === null || can[section.ability]);

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {!can.administer && current === 'tokens' ? t('admin.tokens.title') : t('admin.title')}
      </Title>
      {sections.length > 1 && (
        <ScrollArea type="auto" scrollbars="x" offsetScrollbars>
          <Tabs
            value={current}
            onChange={(section) => section && void navigate({ to: `/admin/${section}` })}
            keepMounted={false}
          >
            <Tabs.List style={{ flexWrap: 'nowrap' }}>
              {sections.map((section) => (
                <Tabs.Tab key={section.path} value={section.path}>
                  {t(`admin.section.${section.path}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
        </ScrollArea>
      )}
      <Outlet />
    </Stack>
  );
}
