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

export function NewKioskLink({ onCreated }: { onCreated: (link: KioskLink) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const surveys = useQuery({ queryKey: [...surveyKeys.all, 'list'], queryFn: fetchSurveys });
  const units = useQuery(unitsQuery);
  const [surveyId, setSurveyId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const [expires, setExpires] = useState('');
  const create = useMutation({
    mutationFn: () =>
      createKioskLink(surveyId ?? '', {
        unitId: unitId ?? '',
        ...(label.trim() ? { label: label.trim() } : {}),
        // The end of the chosen day, in the user's time zone.
        ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
      }),
    onSuccess: (link) => {
      void queryClient.invalidateQueries({ queryKey: kioskLinkKeys.all });
      setLabel('');
      setExpires('');
      onCreated(link);
    },
  });
  const errors = formErrors(create.error, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  // A unit responsible opens kiosks at their own units only; the others at any.
  const unitChoices = (units.data ?? []).filter(
    (unit) => me.role !== 'unit_responsible' || me.unitIds.includes(unit.id),
  );
  const surveyChoices = (surveys.data ?? []).filter((survey) => survey.active);
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
          value={surveyId}
          onChange={setSurveyId}
          data={surveyChoices.map((survey) => ({ value: survey.id, label: survey.name }))}
          nothingFoundMessage={t('kioskLinks.noSurveys')}
          error={errors.surveyId}
        />
        <Select
          label={t('kioskLinks.unit')}
          required
          searchable
          value={unitId}
          onChange={setUnitId}
          data={unitChoices.map((unit) => ({ value: unit.id, label: unit.name }))}
          nothingFoundMessage={t('common.nothingFound')}
          error={errors.unitId}
        />
        <TextInput
          label={t('kioskLinks.label')}
          placeholder={t('kioskLinks.labelPlaceholder')}
          description={t('kioskLinks.labelHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          maxLength={120}
          value={label}
          onChange={(event) => setLabel(event.currentTarget.value)}
          error={errors.label}
        />
        <TextInput
          label={t('kioskLinks.expires')}
          description={t('kioskLinks.expiresHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          type="date"
          value={expires}
          onChange={(event) => setExpires(event.currentTarget.value)}
          error={errors.expiresAt}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="xs">
        <Button type="submit" loading={create.isPending} disabled={!surveyId || !unitId}>
          {t('kioskLinks.create')}
        </Button>
      </Group>
      {create.isError && Object.keys(errors).length === 0 && <SaveError error={create.error} fields={errors} />}
    </Paper>
  );
}
