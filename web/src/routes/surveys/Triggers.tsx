// A survey's triggers: which event sends it, how, how long after, and how often at most; each switched on or off.
import { Button, Group, NumberInput, Select, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateTrigger, Survey } from '../../api/contract.ts';
import { createTrigger, fetchTriggers, setTriggerActive, surveyKeys } from './api.ts';

type TriggerEvent = CreateTrigger['event'];
type Delivery = NonNullable<CreateTrigger['delivery']>;

const EVENTS: TriggerEvent[] = ['appeal_resolved', 'purchase', 'repair_picked_up', 'manual'];
const DELIVERIES: Delivery[] = ['email', 'sms'];

function NewTrigger({ onAdd, adding }: { onAdd: (trigger: CreateTrigger) => void; adding: boolean }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<
    Required<Pick<CreateTrigger, 'event' | 'delivery' | 'delayMinutes' | 'throttleDays'>>
  >({
    event: 'appeal_resolved',
    delivery: 'email',
    delayMinutes: 60,
    throttleDays: 30,
  });
  return (
    <Group gap="xs" align="flex-end">
      <Select
        size="xs"
        label={t('surveys.event')}
        value={draft.event}
        allowDeselect={false}
        onChange={(event) => event && setDraft({ ...draft, event: event as TriggerEvent })}
        data={EVENTS.map((event) => ({ value: event, label: t(`surveys.events.${event}`) }))}
      />
      <Select
        size="xs"
        label={t('surveys.delivery')}
        value={draft.delivery}
        allowDeselect={false}
        w={100}
        data={DELIVERIES}
        onChange={(delivery) => delivery && setDraft({ ...draft, delivery: delivery as Delivery })}
      />
      <NumberInput
        size="xs"
        label={t('surveys.delay')}
        value={draft.delayMinutes}
        min={0}
        w={110}
        onChange={(minutes) => setDraft({ ...draft, delayMinutes: Number(minutes) || 0 })}
      />
      <NumberInput
        size="xs"
        label={t('surveys.throttle')}
        value={draft.throttleDays}
        min={0}
        w={130}
        onChange={(days) => setDraft({ ...draft, throttleDays: Number(days) || 0 })}
      />
      <Button size="xs" variant="light" loading={adding} onClick={() => onAdd(draft)}>
        {t('surveys.addTrigger')}
      </Button>
    </Group>
  );
}

export function Triggers({ survey, canManage }: { survey: Survey; canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = [...surveyKeys.all, 'triggers', survey.id];
  const triggers = useQuery({ queryKey: key, queryFn: () => fetchTriggers(survey.id) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: (trigger: CreateTrigger) => createTrigger(survey.id, trigger),
    onSuccess: refresh,
  });
  const toggle = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => setTriggerActive(id, active),
    onSuccess: refresh,
  });
  return (
    <Stack gap={4}>
      {(triggers.data ?? []).map((trigger) => (
        <Group key={trigger.id} gap="xs">
          <Switch
            checked={trigger.active}
            disabled={!canManage}
            aria-label={t('surveys.active')}
            onChange={(event) => toggle.mutate({ id: trigger.id, active: event.currentTarget.checked })}
          />
          <Text size="sm">
            {t(`surveys.events.${trigger.event}`)} · {trigger.delivery} · {trigger.delayMinutes} min · ≤1/
            {trigger.throttleDays} d
          </Text>
        </Group>
      ))}
      {canManage && <NewTrigger onAdd={(trigger) => add.mutate(trigger)} adding={add.isPending} />}
    </Stack>
  );
}
