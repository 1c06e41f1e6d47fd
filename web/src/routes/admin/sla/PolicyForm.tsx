// An SLA policy: when it applies (kinds, channels, priorities, unit types, units), its targets in working
// minutes, whose calendar counts, when to warn and which statuses pause the clock.
import {
  ActionIcon,
  Button,
  Grid,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminKeys, createPolicy, updatePolicy } from '../../../api/admin.ts';
import type { Metric, SlaPolicy, Status } from '../../../api/contract.ts';
import { APPEAL_KINDS, CHANNELS, METRICS, PRIORITIES, STATUSES, UNIT_TYPES } from '../../../api/enums.ts';
import { unitsQuery } from '../../../api/queries.ts';
import { FormFooter, formErrors, useSaveAndClose } from '../form.tsx';

type PolicyConditions = SlaPolicy['conditions'];
type PolicyTarget = SlaPolicy['targets'][number];
type ListKey = 'kinds' | 'channels' | 'priorities' | 'unitTypes' | 'unitIds';

export function PolicyForm({ policy: p, onClose }: { policy: SlaPolicy | null; onClose: () => void }) {
  const { t } = useTranslation();
  const units = useQuery(unitsQuery);
  const [name, setName] = useState(p?.name ?? '');
  const [position, setPosition] = useState(p?.position ?? 100);
  const [active, setActive] = useState(p?.active ?? true);
  const [conditions, setConditions] = useState<PolicyConditions>(p?.conditions ?? {});
  const [targets, setTargets] = useState<PolicyTarget[]>(
    p?.targets ?? [
      { metric: 'first_response', minutes: 120 },
      { metric: 'resolution', minutes: 1440 },
    ],
  );
  const [calendarSource, setCalendarSource] = useState<'unit' | 'cs'>(p?.calendarSource ?? 'unit');
  const [warnAtPercent, setWarnAtPercent] = useState<number | null>(p ? p.warnAtPercent : 80);
  const [pauseStatuses, setPauseStatuses] = useState<string[]>(p?.pauseStatuses ?? ['pending_customer']);
  const save = useSaveAndClose(adminKeys.policies, onClose);
  const errors = formErrors(save.error, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cleaned = Object.fromEntries(
      Object.entries(conditions).filter(([, values]) => Array.isArray(values) && values.length > 0),
    ) as PolicyConditions;
    const body = {
      name: name.trim(),
      position,
      active,
      conditions: cleaned,
      targets,
      calendarSource,
      warnAtPercent,
      pauseStatuses: pauseStatuses as Status[],
    };
    save.mutate(() => (p ? updatePolicy(p.id, body) : createPolicy(body)));
  };
  const list = (key: ListKey, data: { value: string; label: string }[]) => (
    <MultiSelect
      label={t(`admin.sla.condition.${key}`)}
      placeholder={t('admin.sla.any')}
      searchable
      clearable
      data={data}
      value={(conditions[key] as string[] | undefined) ?? []}
      onChange={(v) => setConditions({ ...conditions, [key]: v })}
      error={errors[`conditions.${key}`]}
      nothingFoundMessage={t('common.nothingFound')}
    />
  );
  const setTarget = (i: number, patch: Partial<PolicyTarget>) =>
    setTargets(targets.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const title = p ? t('admin.sla.editPolicy') : t('admin.sla.newPolicy');

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
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <NumberInput
              label={t('admin.sla.position')}
              description={t('admin.sla.positionHint')}
              min={0}
              value={position}
              onChange={(v) => setPosition(Number(v) || 0)}
              error={errors.position}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }} pt={{ base: 0, sm: 50 }}>
            <Switch label={t('admin.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          </Grid.Col>
        </Grid>
        <Text size="sm" fw={500}>
          {t('admin.sla.conditions')}
        </Text>
        <Grid gap="xs">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            {list(
              'kinds',
              APPEAL_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            {list(
              'channels',
              CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) })),
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            {list(
              'priorities',
              PRIORITIES.map((x) => ({ value: x, label: t(`priority.${x}`) })),
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            {list(
              'unitTypes',
              UNIT_TYPES.map((u) => ({ value: u, label: t(`unitType.${u}`) })),
            )}
          </Grid.Col>
          <Grid.Col span={12}>
            {list(
              'unitIds',
              (units.data ?? []).map((u) => ({ value: u.id, label: u.name })),
            )}
          </Grid.Col>
        </Grid>
        <Group justify="space-between">
          <Text size="sm" fw={500}>
            {t('admin.sla.targets')}
          </Text>
          <Button
            size="compact-sm"
            variant="light"
            disabled={targets.length >= 10}
            onClick={() => setTargets([...targets, { metric: 'resolution', minutes: 480 }])}
          >
            {t('admin.sla.addTarget')}
          </Button>
        </Group>
        {targets.map((x, i) => (
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            <Select
              label={t('admin.sla.metric')}
              value={x.metric}
              allowDeselect={false}
              onChange={(v) => v && setTarget(i, { metric: v as Metric })}
              style={{ flex: 2 }}
              data={METRICS.map((m) => ({ value: m, label: t(`sla.metric.${m}`) }))}
            />
            <NumberInput
              label={t('admin.sla.minutes')}
              min={0}
              max={525600}
              value={x.minutes}
              onChange={(v) => setTarget(i, { minutes: Number(v) || 0 })}
              style={{ flex: 1 }}
              error={errors['targets.minutes']}
            />
            <Select
              label={t('admin.sla.calendar')}
              value={x.calendar ?? ''}
              allowDeselect={false}
              style={{ flex: 1 }}
              onChange={(v) => setTarget(i, { calendar: v === 'unit' || v === 'cs' ? v : undefined })}
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
              disabled={targets.length <= 1}
              aria-label={t('admin.remove')}
              onClick={() => setTargets(targets.filter((_, j) => j !== i))}
            >
              ✕
            </ActionIcon>
          </Group>
        ))}
        {errors.targets && (
          <Text size="xs" c="red">
            {errors.targets}
          </Text>
        )}
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label={t('admin.sla.calendarSource')}
              value={calendarSource}
              allowDeselect={false}
              onChange={(v) => v && setCalendarSource(v as 'unit' | 'cs')}
              data={[
                { value: 'unit', label: t('admin.sla.calendarUnit') },
                { value: 'cs', label: t('admin.sla.calendarCs') },
              ]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <NumberInput
              label={t('admin.sla.warnAt')}
              min={1}
              max={99}
              suffix=" %"
              value={warnAtPercent ?? ''}
              onChange={(v) => setWarnAtPercent(v === '' ? null : Number(v))}
              error={errors.warnAtPercent}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <MultiSelect
              label={t('admin.sla.pause')}
              value={pauseStatuses}
              onChange={setPauseStatuses}
              data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            />
          </Grid.Col>
        </Grid>
        <FormFooter save={save} errors={errors} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}
