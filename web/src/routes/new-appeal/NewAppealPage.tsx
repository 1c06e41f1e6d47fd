// A phone call or a walk-in written down as an appeal, with the customer found or created.
import { Alert, Button, Grid, Group, Paper, Stack, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRef } from '../../api/contract.ts';
import { customerContacts, useCreateAppeal } from '../../api/create-appeal.ts';
import { errorMessage } from '../../components/states.tsx';
import { fieldErrors } from '../../lib/field-errors.ts';
import { AppealFields, blankAppeal, type AppealDraft } from './AppealFields.tsx';
import { CustomerLookup, type CustomerChoice } from './CustomerLookup.tsx';

function customerRef(choice: CustomerChoice | null): CustomerRef {
  if (!choice) {
    return {};
  }
  return choice.mode === 'existing' ? { id: choice.customer.id } : customerContacts(choice);
}

export function NewAppealPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(blankAppeal);
  const [lookup, setLookup] = useState('');
  const [customer, setCustomer] = useState<CustomerChoice | null>(null);
  const { create } = useCreateAppeal(
    (appeal) => void navigate({ to: '/appeals/$appealId', params: { appealId: appeal.id } }),
  );
  const errors = fieldErrors(create.error, t);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      kind: draft.kind,
      channel: draft.channel,
      priority: draft.priority,
      subject: draft.subject.trim(),
      description: draft.description,
      ...(draft.unitId ? { unitId: draft.unitId } : {}),
      ...(draft.categoryId ? { categoryId: draft.categoryId } : {}),
      customer: customerRef(customer),
    });
  };

  return (
    <Stack gap="md" maw={980}>
      <Title order={2} size="h3">
        {t('newAppeal.title')}
      </Title>
      <Paper withBorder p="md" component="form" onSubmit={submit} aria-label={t('newAppeal.title')}>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <AppealFields
              draft={draft}
              onChange={(patch: Partial<AppealDraft>) => setDraft((current) => ({ ...current, ...patch }))}
              errors={errors}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="xs">
              <Title order={3} size="h5">
                {t('appeal.customer')}
              </Title>
              <CustomerLookup query={lookup} onQuery={setLookup} choice={customer} onChoice={setCustomer} />
              {errors.customer && (
                <Alert color="red" p="xs">
                  {errors.customer}
                </Alert>
              )}
            </Stack>
          </Grid.Col>
        </Grid>
        {create.isError && !Object.keys(errors).length && (
          <Alert color="red" mt="md" role="alert">
            {errorMessage(create.error, t)}
          </Alert>
        )}
        <Group justify="flex-end" mt="md">
          <Button type="submit" loading={create.isPending}>
            {t('newAppeal.create')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
