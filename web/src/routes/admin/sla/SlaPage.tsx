// Deadlines: working calendars (hours per weekday, holidays) and SLA policies (targets per kind of appeal).
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarsQuery, policiesQuery } from '../../../api/admin.ts';
import type { Calendar, SlaPolicy } from '../../../api/contract.ts';
import { RequireAbility } from '../../../components/Forbidden.tsx';
import { EmptyState, QueryStates } from '../../../components/states.tsx';
import { CalendarForm, formatIntervals } from './CalendarForm.tsx';
import { PolicyForm } from './PolicyForm.tsx';

function Calendars() {
  const { t } = useTranslation();
  const calendars = useQuery(calendarsQuery);
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('admin.sla.calendarsIntro')}
        </Text>
        <Button onClick={() => setEditing('new')}>{t('admin.sla.newCalendar')}</Button>
      </Group>
      <QueryStates
        query={calendars}
        rows={3}
        isEmpty={(data) => data.length === 0}
        empty={<EmptyState title={t('admin.sla.noCalendars')} />}
      >
        {(data) => (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            {data.map((c) => (
              <Paper key={c.id} withBorder p="sm" data-testid="calendar-card">
                <Group justify="space-between" mb={4} wrap="nowrap" align="flex-start">
                  <Group gap={6}>
                    <Title order={3} size="h5">
                      {c.name}
                    </Title>
                    {c.isDefault && (
                      <Badge size="sm" variant="light">
                        {t('admin.sla.default')}
                      </Badge>
                    )}
                    {c.isCustomerService && (
                      <Badge size="sm" variant="light" color="grape">
                        {t('admin.sla.cs')}
                      </Badge>
                    )}
                  </Group>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => setEditing(c)}
                    aria-label={`${t('admin.edit')}: ${c.name}`}
                  >
                    {t('admin.edit')}
                  </Button>
                </Group>
                <Text size="xs" c="dimmed" mb={6}>
                  {c.timeZone}
                  {c.unitTypes.length ? ` · ${c.unitTypes.map((u) => t(`unitType.${u}`)).join(', ')}` : ''}
                </Text>
                <Table fz="xs" verticalSpacing={1} withRowBorders={false}>
                  <Table.Tbody>
                    {c.week.map((day, d) => (
                      <Table.Tr key={d}>
                        <Table.Td w={110} c="dimmed">
                          {t(`weekday.${d}`)}
                        </Table.Td>
                        <Table.Td>{day.length ? formatIntervals(day) : t('admin.sla.dayOff')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Text size="xs" c="dimmed" mt={4}>
                  {t('admin.sla.exceptionsCount', { count: c.exceptions.length })}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
        )}
      </QueryStates>
      {editing && <CalendarForm calendar={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function Policies() {
  const { t } = useTranslation();
  const policies = useQuery(policiesQuery);
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const conditions = (p: SlaPolicy) => {
    const parts = [
      ...(p.conditions.kinds ?? []).map((k) => t(`kind.${k}`)),
      ...(p.conditions.channels ?? []).map((c) => t(`channel.${c}`)),
      ...(p.conditions.priorities ?? []).map((x) => t(`priority.${x}`)),
      ...(p.conditions.unitTypes ?? []).map((u) => t(`unitType.${u}`)),
    ];
    if (p.conditions.unitIds?.length) {
      parts.push(t('admin.sla.unitsCount', { count: p.conditions.unitIds.length }));
    }
    return parts.length ? parts.join(', ') : t('admin.sla.anyAppeal');
  };
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('admin.sla.policiesIntro')}
        </Text>
        <Button onClick={() => setEditing('new')}>{t('admin.sla.newPolicy')}</Button>
      </Group>
      <QueryStates
        query={policies}
        rows={3}
        isEmpty={(data) => data.length === 0}
        empty={<EmptyState title={t('admin.sla.noPolicies')} />}
      >
        {(data) => (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing={6} fz="sm" aria-label={t('admin.sla.policies')} data-testid="policies-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>{t('admin.name')}</Table.Th>
                    <Table.Th>{t('admin.sla.conditions')}</Table.Th>
                    <Table.Th>{t('admin.sla.targets')}</Table.Th>
                    <Table.Th>{t('admin.state')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...data]
                    .sort((a, b) => a.position - b.position)
                    .map((p) => (
                      <Table.Tr key={p.id} c={p.active ? undefined : 'dimmed'}>
                        <Table.Td>{p.position}</Table.Td>
                        <Table.Td fw={500}>{p.name}</Table.Td>
                        <Table.Td>
                          <Text size="sm" maw={260}>
                            {conditions(p)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {p.targets.map((x) => (
                            <Text key={x.metric} size="xs">
                              {t(`sla.metric.${x.metric}`)}: {t('admin.sla.minutesShort', { count: x.minutes })}
                            </Text>
                          ))}
                        </Table.Td>
                        <Table.Td>
                          {p.active ? (
                            <Badge variant="light" color="green" style={{ minWidth: 'max-content' }}>
                              {t('admin.activeYes')}
                            </Badge>
                          ) : (
                            <Badge variant="light" color="gray" style={{ minWidth: 'max-content' }}>
                              {t('admin.activeNo')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={() => setEditing(p)}
                            aria-label={`${t('admin.edit')}: ${p.name}`}
                          >
                            {t('admin.edit')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </QueryStates>
      {editing && <PolicyForm policy={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

export function SlaPage() {
  const { t } = useTranslation();
  return (
    <RequireAbility ability="manageSettings">
      <Tabs defaultValue="calendars" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="calendars">{t('admin.sla.calendars')}</Tabs.Tab>
          <Tabs.Tab value="policies">{t('admin.sla.policies')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="calendars">
          <Calendars />
        </Tabs.Panel>
        <Tabs.Panel value="policies">
          <Policies />
        </Tabs.Panel>
      </Tabs>
    </RequireAbility>
  );
}
