// The parts of an SLA policy's form: when it applies, its targets, and how its clock runs.
import { ActionIcon, Button, Grid, Group, MultiSelect, NumberInput, Select, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Metric, SlaPolicy, Status } from '../../../api/contract.ts';
import { APPEAL_KINDS, CHANNELS, METRICS, PRIORITIES, STATUSES, UNIT_TYPES } from '../../../api/enums.ts';
import { unitsQuery } from '../../../api/queries.ts';
import { SPAN } from '../form.tsx';

export type PolicyDraft = Pick<
  SlaPolicy,
  'name' | 'position' | 'active' | 'conditions' | 'targets' | 'calendarSource' | 'warnAtPercent' | 'pauseStatuses'
>;
type Target = PolicyDraft['targets'][number];
type CalendarSource = PolicyDraft['calendarSource'];
type ConditionList = 'kinds' | 'channels' | 'priorities' | 'unitTypes' | 'unitIds';

export const MAX_TARGETS = 10;

interface DraftProps {
  draft: PolicyDraft;
  onChange: (patch: Partial<PolicyDraft>) => void;
  errors: Record<string, string>;
}

/** The appeals the policy applies to: any of the chosen values of each list; an empty list does not narrow. */
export function ConditionFields({ draft, onChange, errors }: DraftProps) {
  const { t } = useTranslation();
  const units = useQuery(unitsQuery);
  const options = (prefix: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
  const lists: [ConditionList, { value: string; label: string }[], typeof SPAN.half | number][] = [
    ['kinds', options('kind', APPEAL_KINDS), SPAN.half],
    ['channels', options('channel', CHANNELS), SPAN.half],
    ['priorities', options('priority', PRIORITIES), SPAN.half],
    ['unitTypes', options('unitType', UNIT_TYPES), SPAN.half],
    ['unitIds', (units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name })), 12],
  ];
  return (
    <Grid gap="xs">
      {lists.map(([list, data, span]) => (
        <Grid.Col key={list} span={span}>
          <MultiSelect
            label={t(`admin.sla.condition.${list}`)}
            placeholder={t('admin.sla.any')}
            searchable
            clearable
            data={data}
            value={(draft.conditions[list] as string[] | undefined) ?? []}
            onChange={(values) => onChange({ conditions: { ...draft.conditions, [list]: values } })}
            error={errors[`conditions.${list}`]}
            nothingFoundMessage={t('common.nothingFound')}
          />
        </Grid.Col>
      ))}
    </Grid>
  );
}

function TargetRow({
  target,
  onChange,
  onRemove,
  error,
}: {
  target: Target;
  onChange: (patch: Partial<Target>) => void;
  /** Absent for the last target: a policy has at least one. */
  onRemove: (() => void) | null;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <Select
        label={t('admin.sla.metric')}
        value={target.metric}
        allowDeselect={false}
        onChange={(metric) => metric && onChange({ metric: metric as Metric })}
        style={{ flex: 2 }}
        data={METRICS.map((metric) => ({ value: metric, label: t(`sla.metric.${metric}`) }))}
      />
      <NumberInput
        label={t('admin.sla.minutes')}
        min={0}
        max={525600}
        value={target.minutes}
        onChange={(minutes) => onChange({ minutes: Number(minutes) || 0 })}
        style={{ flex: 1 }}
        error={error}
      />
      <Select
        label={t('admin.sla.calendar')}
        value={target.calendar ?? ''}
        allowDeselect={false}
        style={{ flex: 1 }}
        onChange={(calendar) => onChange({ calendar: calendar === 'unit' || calendar === 'cs' ? calendar : undefined })}
        data={[
          { value: '', label: t('admin.sla.calendarDefault') },
          { value: 'unit', label: t('admin.sla.calendarUnit') },
          { value: 'cs', label: t('admin.sla.calendarCs') },
        ]}
      />
      <ActionIcon
        mt={28}
        variant="subtle"
        color="red"
        disabled={!onRemove}
        aria-label={t('admin.remove')}
        onClick={() => onRemove?.()}
      >
        ✕
      </ActionIcon>
    </Group>
  );
}

/** The deadlines in working minutes, one per metric, each on the policy's calendar or a chosen one. */
export function TargetFields({ draft, onChange, errors }: DraftProps) {
  const { t } = useTranslation();
  const { targets } = draft;
  const change = (index: number, patch: Partial<Target>) =>
    onChange({ targets: targets.map((target, at) => (at === index ? { ...target, ...patch } : target)) });
  return (
    <>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {t('admin.sla.targets')}
        </Text>
        <Button
          size="compact-sm"
          variant="light"
          disabled={targets.length >= MAX_TARGETS}
          onClick={() => onChange({ targets: [...targets, { metric: 'resolution', minutes: 480 }] })}
        >
          {t('admin.sla.addTarget')}
        </Button>
      </Group>
      {targets.map((target, index) => (
        <TargetRow
          key={index}
          target={target}
          onChange={(patch) => change(index, patch)}
          onRemove={targets.length <= 1 ? null : () => onChange({ targets: targets.filter((_, at) => at !== index) })}
          error={errors['targets.minutes']}
        />
      ))}
      {errors.targets && (
        <Text size="xs" c="red">
          {errors.targets}
        </Text>
      )}
    </>
  );
}

/** Whose calendar counts, when to warn, and which statuses stop the clock. */
export function ClockFields({ draft, onChange, errors }: DraftProps) {
  const { t } = useTranslation();
  return (
    <Grid gap="sm">
      <Grid.Col span={SPAN.third}>
        <Select
          label={t('admin.sla.calendarSource')}
          value={draft.calendarSource}
          allowDeselect={false}
          onChange={(source) => source && onChange({ calendarSource: source as CalendarSource })}
          data={[
            { value: 'unit', label: t('admin.sla.calendarUnit') },
            { value: 'cs', label: t('admin.sla.calendarCs') },
          ]}
        />
      </Grid.Col>
      <Grid.Col span={SPAN.third}>
        <NumberInput
          label={t('admin.sla.warnAt')}
          min={1}
          max={99}
          suffix=" %"
          value={draft.warnAtPercent ?? ''}
          onChange={(percent) => onChange({ warnAtPercent: percent === '' ? null : Number(percent) })}
          error={errors.warnAtPercent}
        />
      </Grid.Col>
      <Grid.Col span={SPAN.third}>
        <MultiSelect
          label={t('admin.sla.pause')}
          value={draft.pauseStatuses}
          onChange={(statuses) => onChange({ pauseStatuses: statuses as Status[] })}
          data={STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
        />
      </Grid.Col>
    </Grid>
  );
}
