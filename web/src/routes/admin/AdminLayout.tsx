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
  const current = useRouterState({ select: (s) => s.location.pathname.split('/')[2] ?? '' });
  const sections = ADMIN_SECTIONS.filter((s) => s.ability === null || can[s.ability]);

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {!can.administer && current === 'tokens' ? t('admin.tokens.title') : t('admin.title')}
      </Title>
      {sections.length > 1 && (
        <ScrollArea type="auto" scrollbars="x" offsetScrollbars>
          <Tabs value={current} onChange={(v) => v && void navigate({ to: `/admin/${v}` })} keepMounted={false}>
            <Tabs.List style={{ flexWrap: 'nowrap' }}>
              {sections.map((s) => (
                <Tabs.Tab key={s.path} value={s.path}>
                  {t(`admin.section.${s.path}`)}
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
