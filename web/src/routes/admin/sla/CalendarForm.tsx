// A working calendar: its time zone, the hours of each weekday, and the dates that differ (holidays, short
// days). Hours are typed as "09:00–18:00, 19:00–21:00"; an empty day is a day off.
import { ActionIcon, Button, Grid, Group, Modal, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminKeys, createCalendar, updateCalendar, type Interval } from '../../../api/admin.ts';
import type { Calendar, UnitType } from '../../../api/contract.ts';
import { UNIT_TYPES } from '../../../api/enums.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { FormFooter, TIME_ZONES, useSaveAndClose } from '../form.tsx';

const DAYS = [0, 1, 2, 3, 4, 5, 6];

export const formatIntervals = (intervals: Interval[]) => intervals.map((i) => `${i.start}–${i.end}`).join(', ');

/** "09:00-18:00, 19:00–21:00" as intervals; what does not parse is kept for the server to name. */
export function parseIntervals(text: string): Interval[] {
  return text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [start = '', end = ''] = part.split(/\s*[-–—]\s*/);
      return { start: start.padStart(5, '0'), end: end.padStart(5, '0') };
    });
}

/** "week.2.0.start" lands on Wednesday's input, "exceptions.1.date" on the second holiday. */
function calendarErrors(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const key = /^(week\.\d+|exceptions\.\d+)/.exec(path)?.[1] ?? path;
    out[key] = out[key] ? `${out[key]} ${message}` : message;
  }
  return out;
}

export function CalendarForm({ calendar: c, onClose }: { calendar: Calendar | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(c?.name ?? '');
  const [timeZone, setTimeZone] = useState(c?.timeZone ?? 'Europe/Moscow');
  const [unitTypes, setUnitTypes] = useState<string[]>(c?.unitTypes ?? []);
  const [week, setWeek] = useState(
    DAYS.map((d) => formatIntervals(c?.week[d] ?? (d < 5 ? [{ start: '09:00', end: '18:00' }] : []))),
  );
  const [exceptions, setExceptions] = useState(
    (c?.exceptions ?? []).map((e) => ({ date: e.date, name: e.name ?? '', hours: formatIntervals(e.intervals) })),
  );
  const save = useSaveAndClose(adminKeys.calendars, onClose);
  const errors = calendarErrors(fieldErrors(save.error, t));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      timeZone,
      unitTypes: unitTypes as UnitType[],
      week: week.map(parseIntervals),
      exceptions: exceptions.map((exception) => ({
        date: exception.date,
        intervals: parseIntervals(exception.hours),
        ...(exception.name.trim() ? { name: exception.name.trim() } : {}),
      })),
    };
    save.mutate(() => (c ? updateCalendar(c.id, body) : createCalendar(body)));
  };
  const title = c ? t('admin.sla.editCalendar') : t('admin.sla.newCalendar');
  const setException = (i: number, patch: Partial<(typeof exceptions)[number]>) =>
    setExceptions(exceptions.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <Stack component="form" gap="sm" onSubmit={submit} aria-label={title}>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('admin.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('admin.timeZone')}
              searchable
              allowDeselect={false}
              value={timeZone}
              onChange={(v) => v && setTimeZone(v)}
              data={TIME_ZONES}
              error={errors.timeZone}
              nothingFoundMessage={t('common.nothingFound')}
            />
          </Grid.Col>
        </Grid>
        <MultiSelect
          label={t('admin.sla.unitTypes')}
          description={t('admin.sla.unitTypesHint')}
          value={unitTypes}
          onChange={setUnitTypes}
          data={UNIT_TYPES.map((u) => ({ value: u, label: t(`unitType.${u}`) }))}
          error={errors.unitTypes}
        />
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('admin.sla.week')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('admin.sla.weekHint')}
          </Text>
          <Grid gap="xs">
            {DAYS.map((d) => (
              <Grid.Col key={d} span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t(`weekday.${d}`)}
                  placeholder={t('admin.sla.dayOff')}
                  value={week[d]}
                  error={errors[`week.${d}`]}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setWeek(week.map((w, j) => (j === d ? v : w)));
                  }}
                />
              </Grid.Col>
            ))}
          </Grid>
          {errors.week && (
            <Text size="xs" c="red">
              {errors.week}
            </Text>
          )}
        </Stack>
        <Stack gap={6}>
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              {t('admin.sla.exceptions')}
            </Text>
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => setExceptions([...exceptions, { date: '', name: '', hours: '' }])}
            >
              {t('admin.sla.addException')}
            </Button>
          </Group>
          {exceptions.length === 0 && (
            <Text size="xs" c="dimmed">
              {t('admin.sla.noExceptions')}
            </Text>
          )}
          {exceptions.map((x, i) => (
            <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
              <TextInput
                label={t('admin.sla.date')}
                type="date"
                value={x.date}
                onChange={(e) => setException(i, { date: e.currentTarget.value })}
                error={errors[`exceptions.${i}`]}
                w={170}
              />
              <TextInput
                label={t('admin.sla.holidayName')}
                value={x.name}
                onChange={(e) => setException(i, { name: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <TextInput
                label={t('admin.sla.hours')}
                placeholder={t('admin.sla.dayOff')}
                value={x.hours}
                onChange={(e) => setException(i, { hours: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <ActionIcon
                mt={28}
                variant="subtle"
                color="red"
                aria-label={t('admin.remove')}
                onClick={() => setExceptions(exceptions.filter((_, j) => j !== i))}
              >
                ✕
              </ActionIcon>
            </Group>
          ))}
        </Stack>
        <FormFooter save={save} errors={errors} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}
