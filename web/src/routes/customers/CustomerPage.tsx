// A customer's profile: contacts, company, birthday, consents, every appeal, thanks and complaints; edit in
// place, merge with another customer after a preview. A merged customer says where they went.
import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerProfile } from '../../api/contract.ts';
import { customerLabel } from '../../api/customers.ts';
import { CONSENTS } from '../../api/enums.ts';
import { customerQuery } from '../../api/queries.ts';
import { abilities, useMe } from '../../auth/session.ts';
import { ErrorState, PageSkeleton } from '../../components/states.tsx';
import { AppealCounts } from './AppealCounts.tsx';
import { CustomerAppeals } from './CustomerAppeals.tsx';
import { CustomerEditForm } from './CustomerEditForm.tsx';
import { MergeDialog } from './MergeDialog.tsx';
import './strings.ts';

const route = getRouteApi('/app/customers/$customerId');

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** Phones or e-mails, each a link that calls or writes. */
function ContactLinks({ contacts, scheme }: { contacts: { value: string }[]; scheme: 'tel' | 'mailto' }) {
  if (contacts.length === 0) {
    return '—';
  }
  return contacts.map((contact) => (
    <div key={contact.value}>
      <Anchor href={`${scheme}:${contact.value}`} size="sm">
        {contact.value}
      </Anchor>
    </div>
  ));
}

function Consents({ consents }: { consents: CustomerProfile['consents'] }) {
  const { t } = useTranslation();
  const asked = CONSENTS.filter((consent) => consents[consent] !== undefined);
  if (asked.length === 0) {
    return t('customers.noConsents');
  }
  return (
    <Group gap={4}>
      {asked.map((consent) => (
        <Badge key={consent} variant="light" color={consents[consent] ? 'green' : 'gray'} tt="none">
          {t(`consent.${consent}`)}: {consents[consent] ? t('customers.yes') : t('customers.no')}
        </Badge>
      ))}
    </Group>
  );
}

function Details({ customer }: { customer: CustomerProfile }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="customer-details">
      <Field label={t('customer.phone')}>
        <ContactLinks contacts={customer.phones} scheme="tel" />
      </Field>
      <Field label={t('customer.email')}>
        <ContactLinks contacts={customer.emails} scheme="mailto" />
      </Field>
      <Field label={t('customers.company')}>
        {customer.companyName ?? '—'}
        {customer.companyCode ? ` · ${t('customers.companyCode')} ${customer.companyCode}` : ''}
      </Field>
      <Field label={t('customers.birthday')}>
        {customer.birthday ? new Date(`${customer.birthday}T00:00:00`).toLocaleDateString() : '—'}
      </Field>
      <Field label={t('customers.consents')}>
        <Consents consents={customer.consents} />
      </Field>
      {customer.tags.length > 0 && (
        <Field label={t('customers.tags')}>
          <Group gap={4}>
            {customer.tags.map((tag) => (
              <Badge key={tag} variant="outline" tt="none">
                {tag}
              </Badge>
            ))}
          </Group>
        </Field>
      )}
    </Stack>
  );
}

function Heading({ customer, actions }: { customer: CustomerProfile; actions: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Anchor component={Link} to="/customers" size="sm">
        ← {t('customers.back')}
      </Anchor>
      <Group justify="space-between" align="center">
        <Group gap="sm">
          <Title order={2} size="h3" data-testid="customer-title">
            {customerLabel(customer, t('customer.unnamed'))}
          </Title>
          {customer.mergedInto && <Badge color="gray">{t('customers.merged')}</Badge>}
        </Group>
        {actions}
      </Group>
    </Stack>
  );
}

export function CustomerPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { customerId } = route.useParams();
  const profile = useQuery(customerQuery(customerId));
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);

  if (profile.isPending) {
    return <PageSkeleton />;
  }
  if (profile.isError) {
    return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  }
  const customer = profile.data;
  const canEdit = abilities(me.role).editCustomers && !customer.mergedInto;
  const actions = canEdit && !editing && (
    <Group gap="xs">
      <Button variant="light" onClick={() => setEditing(true)}>
        {t('customers.edit')}
      </Button>
      <Button variant="default" onClick={() => setMerging(true)}>
        {t('customers.merge')}
      </Button>
    </Group>
  );

  return (
    <Stack gap="md" maw={1200}>
      <Heading customer={customer} actions={actions} />
      {customer.mergedInto && (
        <Alert color="yellow" title={t('customers.mergedTitle')} data-testid="merged-notice">
          {t('customers.mergedHint')}{' '}
          <Anchor component={Link} to={`/customers/${customer.mergedInto}`}>
            {t('customers.openSurvivor')}
          </Anchor>
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Paper withBorder p="md">
            <AppealCounts counts={customer.appeals} withOpen mb="sm" />
            {editing ? (
              <CustomerEditForm customer={customer} onDone={() => setEditing(false)} />
            ) : (
              <Details customer={customer} />
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <CustomerAppeals customerId={customer.mergedInto ? null : customer.id} total={customer.appeals.total} />
        </Grid.Col>
      </Grid>
      {merging && <MergeDialog customer={customer} onClose={() => setMerging(false)} />}
    </Stack>
  );
}
