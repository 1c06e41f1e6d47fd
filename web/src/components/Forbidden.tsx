// The 403 screen: a page the user's role may not open, reached by a typed or shared link. The server refuses
// the data anyway; this says so plainly instead of showing a broken screen.
import { Button, Center, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { abilities, useMe, type Ability } from '../auth/session.ts';

export function ForbiddenState() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Paper withBorder p="xl" radius="md" data-testid="forbidden" role="alert">
      <Center>
        <Stack align="center" gap={8} maw={460}>
          <ThemeIcon color="red" variant="light" size={48} radius="xl" aria-hidden>
            403
          </ThemeIcon>
          <Title order={2} size="h4">
            {t('forbidden.title')}
          </Title>
          <Text c="dimmed" size="sm" ta="center">
            {t('forbidden.hint', { role: t(`role.${me.role}`) })}
          </Text>
          <Button variant="light" component={Link} to="/">
            {t('common.home')}
          </Button>
        </Stack>
      </Center>
    </Paper>
  );
}

/** Renders the screen only for roles with the ability; others get the 403 state. */
export function RequireAbility({ ability, children }: { ability: Ability; children: ReactNode }) {
  const me = useMe();
  return abilities(me.role)[ability] ? children : <ForbiddenState />;
}
