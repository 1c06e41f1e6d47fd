// The hours of a calendar's form: one input per weekday, and the dates that differ (holidays, short days).
import { ActionIcon, Button, Grid, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SPAN } from '../form.tsx';
import { WEEKDAYS, type ExceptionDraft } from './calendar-hours.ts';

export function WeekFields({
  week,
  onChange,
  errors,
}: {
  /** Each weekday's hours as typed, Monday first. */
  week: string[];
  onChange: (week: string[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t('admin.sla.week')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('admin.sla.weekHint')}
      </Text>
      <Grid gap="xs">
        {WEEKDAYS.map((weekday) => (
          <Grid.Col key={weekday} span={SPAN.half}>
            <TextInput
              label={t(`weekday.${weekday}`)}
              placeholder={t('admin.sla.dayOff')}
              value={week[weekday]}
              error={errors[`week.${weekday}`]}
              onChange={(event) => {
                const hours = event.currentTarget.value;
                onChange(week.map((dayHours, day) => (day === weekday ? hours : dayHours)));
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
  );
}

function ExceptionRow({
  exception,
  onChange,
  onRemove,
  error,
}: {
  exception: ExceptionDraft;
  onChange: (patch: Partial<ExceptionDraft>) => void;
  onRemove: () => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <TextInput
        label={t('admin.sla.date')}
        type="date"
        value={exception.date}
        onChange={(event) => onChange({ date: event.currentTarget.value })}
        error={error}
        w={170}
      />
      <TextInput
        label={t('admin.sla.holidayName')}
        value={exception.name}
        onChange={(event) => onChange({ name: event.currentTarget.value })}
        style={{ flex: 1 }}
      />
      <TextInput
        label={t('admin.sla.hours')}
        placeholder={t('admin.sla.dayOff')}
        value={exception.hours}
        onChange={(event) => onChange({ hours: event.currentTarget.value })}
        style={{ flex: 1 }}
      />
      <ActionIcon mt={28} variant="subtle" color="red" aria-label={t('admin.remove')} onClick={onRemove}>
        ✕
      </ActionIcon>
    </Group>
  );
}

export function ExceptionFields({
  exceptions,
  onChange,
  errors,
}: {
  exceptions: ExceptionDraft[];
  onChange: (exceptions: ExceptionDraft[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<ExceptionDraft>) =>
    onChange(exceptions.map((exception, at) => (at === index ? { ...exception, ...patch } : exception)));
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {t('admin.sla.exceptions')}
        </Text>
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => onChange([...exceptions, { date: '', name: '', hours: '' }])}
        >
          {t('admin.sla.addException')}
        </Button>
      </Group>
      {exceptions.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('admin.sla.noExceptions')}
        </Text>
      )}
      {exceptions.map((exception, index) => (
        <ExceptionRow
          key={index}
          exception={exception}
          onChange={(patch) => change(index, patch)}
          onRemove={() => onChange(exceptions.filter((_, at) => at !== index))}
          error={errors[`exceptions.${index}`]}
        />
      ))}
    </Stack>
  );
}
