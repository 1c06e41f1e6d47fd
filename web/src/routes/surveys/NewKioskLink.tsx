// Making a kiosk link: the survey, the unit (a unit responsible's own), where the tablet stands and until when.
import { Button, Group, Paper, Select, SimpleGrid, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskLink } from '../../api/contract.ts';
import { unitsQuery } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { formErrors, SaveError } from '../admin/form.tsx';
import { createKioskLink, fetchSurveys, kioskLinkKeys, surveyKeys } from './api.ts';

/** The surveys a link may be for (active ones) and the units it may be at (a unit responsible's own only). */
function useChoices() {
  const me = useMe();
  const surveys = useQuery({ queryKey: [...surveyKeys.all, 'list'], queryFn: fetchSurveys });
  const units = useQuery(unitsQuery);
  return {
    surveys: (surveys.data ?? [])
      .filter((survey) => survey.active)
      .map((survey) => ({ value: survey.id, label: survey.name })),
    units: (units.data ?? [])
      .filter((unit) => me.role !== 'unit_responsible' || me.unitIds.includes(unit.id))
      .map((unit) => ({ value: unit.id, label: unit.name })),
  };
}

/** What the form holds: the survey and unit chosen, the label and the last day typed (empty: the defaults). */
interface Draft {
  surveyId: string | null;
  unitId: string | null;
  label: string;
  expires: string;
}
const EMPTY: Draft = { surveyId: null, unitId: null, label: '', expires: '' };

function useCreate(draft: Draft, onCreated: (link: KioskLink) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      createKioskLink(draft.surveyId ?? '', {
        unitId: draft.unitId ?? '',
        ...(draft.label.trim() ? { label: draft.label.trim() } : {}),
        // The end of the chosen day, in the user's time zone.
        ...(draft.expires ? { expiresAt: new Date(`${draft.expires}T23:59:59`).toISOString() } : {}),
      }),
    onSuccess: (link) => {
      void queryClient.invalidateQueries({ queryKey: kioskLinkKeys.all });
      onCreated(link);
    },
  });
}

export function NewKioskLink({ onCreated }: { onCreated: (link: KioskLink) => void }) {
  const { t } = useTranslation();
  const choices = useChoices();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const change = (part: Partial<Draft>) => setDraft((current) => ({ ...current, ...part }));
  const create = useCreate(draft, (link) => {
    change({ label: '', expires: '' });
    onCreated(link);
  });
  const errors = formErrors(create.error, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-labelledby="new-kiosk-link">
      <Title order={3} size="h5" mb="xs" id="new-kiosk-link">
        {t('kioskLinks.new')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <Select
          label={t('kioskLinks.survey')}
          required
          searchable
          value={draft.surveyId}
          onChange={(surveyId) => change({ surveyId })}
          data={choices.surveys}
          nothingFoundMessage={t('kioskLinks.noSurveys')}
          error={errors.surveyId}
        />
        <Select
          label={t('kioskLinks.unit')}
          required
          searchable
          value={draft.unitId}
          onChange={(unitId) => change({ unitId })}
          data={choices.units}
          nothingFoundMessage={t('common.nothingFound')}
          error={errors.unitId}
        />
        <TextInput
          label={t('kioskLinks.label')}
          placeholder={t('kioskLinks.labelPlaceholder')}
          description={t('kioskLinks.labelHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          maxLength={120}
          value={draft.label}
          onChange={(event) => change({ label: event.currentTarget.value })}
          error={errors.label}
        />
        <TextInput
          label={t('kioskLinks.expires')}
          description={t('kioskLinks.expiresHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          type="date"
          value={draft.expires}
          onChange={(event) => change({ expires: event.currentTarget.value })}
          error={errors.expiresAt}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="xs">
        <Button type="submit" loading={create.isPending} disabled={!draft.surveyId || !draft.unitId}>
          {t('kioskLinks.create')}
        </Button>
      </Group>
      {create.isError && Object.keys(errors).length === 0 && <SaveError error={create.error} fields={errors} />}
    </Paper>
  );
}
