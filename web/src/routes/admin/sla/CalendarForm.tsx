// A working calendar: its time zone, the hours of each weekday, and the dates that differ (holidays, short
// days). Hours are typed as "09:00–18:00, 19:00–21:00"; an empty day is a day off.
import { Grid, MultiSelect, Select, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminKeys, createCalendar, updateCalendar } from '../../../api/admin.ts';
import type { Calendar, UnitType } from '../../../api/contract.ts';
import { UNIT_TYPES } from '../../../api/enums.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { FormFooter, FormModal, SPAN, TIME_ZONES, useSaveAndClose } from '../form.tsx';
import { ExceptionFields, WeekFields } from './CalendarFields.tsx';
import { calendarErrors, defaultHours, formatIntervals, parseIntervals, WEEKDAYS } from './calendar-hours.ts';

export function CalendarForm({ calendar, onClose }: { calendar: Calendar | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(calendar?.name ?? '');
  const [timeZone, setTimeZone] = useState(calendar?.timeZone ?? 'Europe/Moscow');
  const [unitTypes, setUnitTypes] = useState<UnitType[]>(calendar?.unitTypes ?? []);
  const [week, setWeek] = useState(() =>
    WEEKDAYS.map((weekday) => formatIntervals(calendar?.week[weekday] ?? defaultHours(weekday))),
  );
  const [exceptions, setExceptions] = useState(() =>
    (calendar?.exceptions ?? []).map((exception) => ({
      date: exception.date,
      name: exception.name ?? '',
      hours: formatIntervals(exception.intervals),
    })),
  );
  const save = useSaveAndClose(adminKeys.calendars, onClose);
  const errors = calendarErrors(fieldErrors(save.error, t));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      timeZone,
      unitTypes,
      week: week.map(parseIntervals),
      exceptions: exceptions.map((exception) => ({
        date: exception.date,
        intervals: parseIntervals(exception.hours),
        ...(exception.name.trim() ? { name: exception.name.trim() } : {}),
      })),
    };
    save.mutate(() => (calendar ? updateCalendar(calendar.id, body) : createCalendar(body)));
  };
  const title = calendar ? t('admin.sla.editCalendar') : t('admin.sla.newCalendar');

  return (
    <FormModal title={title} onClose={onClose} onSubmit={submit} size="xl">
      <Grid gap="sm">
        <Grid.Col span={SPAN.half}>
          <TextInput
            label={t('admin.name')}
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
          />
        </Grid.Col>
        <Grid.Col span={SPAN.half}>
          <Select
            label={t('admin.timeZone')}
            searchable
            allowDeselect={false}
            value={timeZone}
            onChange={(zone) => zone && setTimeZone(zone)}
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
        onChange={(types) => setUnitTypes(types as UnitType[])}
        data={UNIT_TYPES.map((unitType) => ({ value: unitType, label: t(`unitType.${unitType}`) }))}
        error={errors.unitTypes}
      />
      <WeekFields week={week} onChange={setWeek} errors={errors} />
      <ExceptionFields exceptions={exceptions} onChange={setExceptions} errors={errors} />
      <FormFooter save={save} errors={errors} onCancel={onClose} />
    </FormModal>
  );
}
