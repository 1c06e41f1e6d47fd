// A minimal survey editor: the surveys, a form to create one from preset question kinds, and each survey's triggers.
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formErrors, SaveError } from '../admin/form.tsx';
import {
  createSurvey,
  createTrigger,
  fetchSurveys,
  fetchTriggers,
  setTriggerActive,
  surveyKeys,
  type Survey,
} from './api.ts';

const KINDS = ['csat', 'csat5', 'nps', 'ces', 'ces5', 'key_staff', 'key_office', 'text'] as const;
type Kind = (typeof KINDS)[number];
interface Draft {
  kind: Kind;
  ru: string;
  en: string;
  touchpoint: string;
}

/** The API's question from a preset kind (the scales the seed practice uses). */
function question(d: Draft, i: number) {
  const base = {
    id: `${d.kind}_${i + 1}`,
    wording: { ru: d.ru.trim(), en: d.en.trim() || d.ru.trim() },
    touchpoint: d.touchpoint.trim() || null,
  };
  switch (d.kind) {
    case 'csat':
      return { ...base, type: 'csat', scale: { min: 0, max: 10, satisfiedFrom: 9 } };
    case 'csat5':
      return { ...base, type: 'csat', scale: { min: 1, max: 5, satisfiedFrom: 4 } };
    case 'nps':
      return { ...base, type: 'nps' };
    case 'ces':
      return { ...base, type: 'ces', scale: { min: 1, max: 7 } };
    case 'ces5':
      return { ...base, type: 'ces', scale: { min: 1, max: 5 } };
    case 'key_staff':
    case 'key_office':
      return {
        ...base,
        type: 'key',
        subject: d.kind === 'key_staff' ? 'staff' : 'office',
        scale: { kind: 'key_yes_no', positiveAnswer: 'yes' },
      };
    default:
      return { ...base, type: 'text' };
  }
}

function NewSurvey() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [drafts, setDrafts] = useState<Draft[]>([{ kind: 'csat', ru: '', en: '', touchpoint: '' }]);
  const create = useMutation({
    mutationFn: () => createSurvey({ name: name.trim(), questions: drafts.map(question) }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: surveyKeys.all });
      setName('');
      setDrafts([{ kind: 'csat', ru: '', en: '', touchpoint: '' }]);
    },
  });
  const errors = formErrors(create.error, t);
  const set = (i: number, patch: Partial<Draft>) => setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-label={t('surveys.create')}>
      <Stack gap="xs">
        <TextInput
          label={t('surveys.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        {drafts.map((d, i) => (
          <Group key={i} align="flex-end" wrap="wrap" gap="xs">
            <Select
              label={t('surveys.type')}
              value={d.kind}
              allowDeselect={false}
              w={220}
              data={KINDS.map((k) => ({ value: k, label: t(`surveys.types.${k}`) }))}
              onChange={(k) => k && set(i, { kind: k as Kind })}
            />
            <TextInput
              label={t('surveys.wordingRu')}
              required
              value={d.ru}
              onChange={(e) => set(i, { ru: e.currentTarget.value })}
              style={{ flex: 1, minWidth: 200 }}
              error={errors[`questions.${i}.type`] ?? errors[`questions.${i}.wording.ru`]}
            />
            <TextInput
              label={t('surveys.wordingEn')}
              value={d.en}
              onChange={(e) => set(i, { en: e.currentTarget.value })}
              style={{ flex: 1, minWidth: 200 }}
            />
            <TextInput
              label={t('surveys.touchpoint')}
              value={d.touchpoint}
              onChange={(e) => set(i, { touchpoint: e.currentTarget.value })}
              w={160}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('surveys.remove')}
              disabled={drafts.length === 1}
              onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() => setDrafts([...drafts, { kind: 'nps', ru: '', en: '', touchpoint: '' }])}
          >
            {t('surveys.addQuestion')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('surveys.create')}
          </Button>
        </Group>
        {create.isError && <SaveError error={create.error} fields={errors} />}
      </Stack>
    </Paper>
  );
}

function Triggers({ survey, canManage }: { survey: Survey; canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = [...surveyKeys.all, 'triggers', survey.id];
  const triggers = useQuery({ queryKey: key, queryFn: () => fetchTriggers(survey.id) });
  const [draft, setDraft] = useState({
    event: 'appeal_resolved',
    delivery: 'email',
    delayMinutes: 60,
    throttleDays: 30,
  });
  const add = useMutation({
    mutationFn: () => createTrigger(survey.id, draft),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  const toggle = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => setTriggerActive(id, active),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  return (
    <Stack gap={4}>
      {(triggers.data ?? []).map((tr) => (
        <Group key={tr.id} gap="xs">
          <Switch
            checked={tr.active}
            disabled={!canManage}
            aria-label={t('surveys.active')}
            onChange={(e) => toggle.mutate({ id: tr.id, active: e.currentTarget.checked })}
          />
          <Text size="sm">
            {t(`surveys.events.${tr.event}`)} · {tr.delivery} · {tr.delayMinutes} min · ≤1/{tr.throttleDays} d
          </Text>
        </Group>
      ))}
      {canManage && (
        <Group gap="xs" align="flex-end">
          <Select
            size="xs"
            label={t('surveys.event')}
            value={draft.event}
            allowDeselect={false}
            onChange={(v) => v && setDraft({ ...draft, event: v })}
            data={(['appeal_resolved', 'purchase', 'repair_picked_up', 'manual'] as const).map((e) => ({
              value: e,
              label: t(`surveys.events.${e}`),
            }))}
          />
          <Select
            size="xs"
            label={t('surveys.delivery')}
            value={draft.delivery}
            allowDeselect={false}
            w={100}
            data={['email', 'sms']}
            onChange={(v) => v && setDraft({ ...draft, delivery: v })}
          />
          <NumberInput
            size="xs"
            label={t('surveys.delay')}
            value={draft.delayMinutes}
            min={0}
            w={110}
            onChange={(v) => setDraft({ ...draft, delayMinutes: Number(v) || 0 })}
          />
          <NumberInput
            size="xs"
            label={t('surveys.throttle')}
            value={draft.throttleDays}
            min={0}
            w={130}
            onChange={(v) => setDraft({ ...draft, throttleDays: Number(v) || 0 })}
          />
          <Button size="xs" variant="light" loading={add.isPending} onClick={() => add.mutate()}>
            {t('surveys.addTrigger')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function SurveysTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const surveys = useQuery({ queryKey: [...surveyKeys.all, 'list'], queryFn: fetchSurveys });
  return (
    <Stack>
      {canManage && <NewSurvey />}
      {surveys.isPending ? (
        <TableSkeleton />
      ) : surveys.isError ? (
        <ErrorState error={surveys.error} />
      ) : (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.name')}</Table.Th>
              <Table.Th>{t('surveys.questions')}</Table.Th>
              <Table.Th>{t('surveys.triggers')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {surveys.data.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  {s.name}{' '}
                  {!s.active && (
                    <Badge color="gray" size="xs">
                      off
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {s.questions.map((q) => (
                    <Text key={q.id} size="xs">
                      {q.type}: {q.wording.ru}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>
                  <Triggers survey={s} canManage={canManage} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
