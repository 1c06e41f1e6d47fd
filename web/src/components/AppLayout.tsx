// The shell around every screen behind the login: header (brand, user, language, logout) and navigation.
import { AppShell, Badge, Burger, Button, Group, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Outlet, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useMe } from '../auth/session.ts';
import { subscribeToAppealEvents } from '../lib/live-updates.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { MainNav } from './MainNav.tsx';

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const [navOpened, nav] = useDisclosure(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  useEffect(() => subscribeToAppealEvents(queryClient), [queryClient]);

  const logout = async () => {
    await api.postEmpty('/auth/logout').catch(() => undefined);
    queryClient.clear();
    await navigate({ to: '/login', search: {} });
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 200, breakpoint: 'md', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="md" size="sm" aria-label={t('nav.toggle')} />
            <Title order={1} size="h4" c="blue.9">
              Otklik
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" fw={500} data-testid="user-name" truncate maw={220}>
              {me.name}
            </Text>
            <Badge variant="light" visibleFrom="sm">
              {t(`role.${me.role}`)}
            </Badge>
            <LanguageSwitch />
            <Button variant="subtle" size="xs" onClick={logout}>
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        <MainNav onNavigate={nav.close} />
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
