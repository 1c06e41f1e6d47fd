// Working calendars as cards: each one's time zone, the unit types that use it, its hours per weekday, its holidays.
import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { calendarsQuery } from '../../../api/admin.ts';
import type { Calendar } from '../../../api/contract.ts';
import { EmptyState, QueryStates } from '../../../components/states.tsx';
import { EditButton, ListHeader, useEditing } from '../list.tsx';
import { formatIntervals } from './calendar-hours.ts';
import { CalendarForm } from './CalendarForm.tsx';

function CalendarCard({ calendar, onEdit }: { calendar: Calendar; onEdit: () => void }) {
  const { t } = useTranslation();
  const unitTypes = calendar.unitTypes.map((unitType) => t(`unitType.${unitType}`)).join(', ');
  return (
    <Paper withBorder p="sm" data-testid="calendar-card">
      <Group justify="space-between" mb={4} wrap="nowrap" align="flex-start">
        <Group gap={6}>
          <Title order={3} size="h5">
            {calendar.name}
          </Title>
          {calendar.isDefault && (
            <Badge size="sm" variant="light">
              {t('admin.sla.default')}
            </Badge>
          )}
          {calendar.isCustomerService && (
            <Badge size="sm" variant="light" color="grape">
              {t('admin.sla.cs')}
            </Badge>
          )}
        </Group>
        <EditButton name={calendar.name} onClick={onEdit} />
      </Group>
      <Text size="xs" c="dimmed" mb={6}>
        {calendar.timeZone}
        {unitTypes ? ` · ${unitTypes}` : ''}
      </Text>
      <Table fz="xs" verticalSpacing={1} withRowBorders={false}>
        <Table.Tbody>
          {calendar.week.map((intervals, weekday) => (
            <Table.Tr key={weekday}>
              <Table.Td w={110} c="dimmed">
                {t(`weekday.${weekday}`)}
              </Table.Td>
              <Table.Td>{intervals.length ? formatIntervals(intervals) : t('admin.sla.dayOff')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt={4}>
        {t('admin.sla.exceptionsCount', { count: calendar.exceptions.length })}
      </Text>
    </Paper>
  );
}

export function CalendarsTab() {
  const { t } = useTranslation();
  const calendars = useQuery(calendarsQuery);
  const { editing, edit, create, close } = useEditing<Calendar>();
  return (
    <Stack gap="sm">
      <ListHeader intro={t('admin.sla.calendarsIntro')} newLabel={t('admin.sla.newCalendar')} onNew={create} />
      <QueryStates
        query={calendars}
        rows={3}
        isEmpty={(data) => data.length === 0}
        empty={<EmptyState title={t('admin.sla.noCalendars')} />}
      >
        {(data) => (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            {data.map((calendar) => (
              <CalendarCard key={calendar.id} calendar={calendar} onEdit={() => edit(calendar)} />
            ))}
          </SimpleGrid>
        )}
      </QueryStates>
      {editing !== undefined && <CalendarForm calendar={editing} onClose={close} />}
    </Stack>
  );
}
