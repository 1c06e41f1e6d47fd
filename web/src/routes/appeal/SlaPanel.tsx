// The appeal's deadlines in working hours, with the overdue ones marked in red.
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppealSla, AppealSlaTarget } from '../../api/contract.ts';
import { formatDateTime } from '../../lib/format.ts';

const STATE_COLOR = { ok: 'teal', warning: 'orange', breached: 'red', met: 'green', paused: 'gray' } as const;

const overdue = (target: AppealSlaTarget) =>
  target.state === 'breached' || (target.minutesLeft !== null && target.minutesLeft < 0);

export function SlaPanel({ sla }: { sla: AppealSla | null }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" aria-labelledby="sla-title">
      <Title order={3} size="h5" mb="xs" id="sla-title">
        {t('sla.title')}
      </Title>
      {!sla || sla.targets.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sla.none')}
        </Text>
      ) : (
        <Stack gap={6}>
          {sla.targets.map((target) => (
            <Group
              key={`${target.metric}-${target.cycle}`}
              justify="space-between"
              wrap="nowrap"
              data-overdue={overdue(target) || undefined}
            >
              <Stack gap={0}>
                <Text size="sm">{t(`sla.metric.${target.metric}`)}</Text>
                <Text size="xs" c={overdue(target) ? 'red.7' : 'dimmed'} fw={overdue(target) ? 700 : 400}>
                  {target.metAt
                    ? `${t('sla.metAt')} ${formatDateTime(target.metAt)}`
                    : target.dueAt
                      ? `${t('sla.dueAt')} ${formatDateTime(target.dueAt)}`
                      : t('sla.state.paused')}
                </Text>
              </Stack>
              <Badge color={STATE_COLOR[target.state]} variant={overdue(target) ? 'filled' : 'light'}>
                {overdue(target) && !target.metAt ? t('sla.overdue') : t(`sla.state.${target.state}`)}
              </Badge>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
