// A customer's profile: contacts, company, birthday, consents, every appeal, thanks and complaints; edit in
// place, merge with another customer after a preview. A merged customer says where they went.
import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerLabel } from '../../api/customers.ts';
import { CONSENTS } from '../../api/enums.ts';
import { customerQuery } from '../../api/queries.ts';
import type { CustomerProfile } from '../../api/contract.ts';
import { abilities, useMe } from '../../auth/session.ts';
import { ErrorState, PageSkeleton } from '../../components/states.tsx';
import { CustomerAppeals } from './CustomerAppeals.tsx';
import { CustomerEditForm } from './CustomerEditForm.tsx';
import { MergeDialog } from './MergeDialog.tsx';
import './strings.ts';

const route = getRouteApi('/app/customers/$customerId');

function Field({ label, children }: { label: string; children: React.ReactNode }) {
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

function Details({ c }: { c: CustomerProfile }) {
  const { t } = useTranslation();
  const granted = CONSENTS.filter((k) => c.consents[k] !== undefined);
  return (
    <Stack gap="sm" data-testid="customer-details">
      <Field label={t('customer.phone')}>
        {c.phones.length
          ? c.phones.map((p) => (
              <div key={p.value}>
                <Anchor href={`tel:${p.value}`} size="sm">
                  {p.value}
                </Anchor>
              </div>
            ))
          : '—'}
      </Field>
      <Field label={t('customer.email')}>
        {c.emails.length
          ? c.emails.map((e) => (
              <div key={e.value}>
                <Anchor href={`mailto:${e.value}`} size="sm">
                  {e.value}
                </Anchor>
              </div>
            ))
          : '—'}
      </Field>
      <Field label={t('customers.company')}>
        {c.companyName ?? '—'}
        {c.companyCode ? ` · ${t('customers.companyCode')} ${c.companyCode}` : ''}
      </Field>
      <Field label={t('customers.birthday')}>
        {c.birthday ? new Date(`${c.birthday}T00:00:00`).toLocaleDateString() : '—'}
      </Field>
      <Field label={t('customers.consents')}>
        {granted.length ? (
          <Group gap={4}>
            {granted.map((k) => (
              <Badge key={k} variant="light" color={c.consents[k] ? 'green' : 'gray'} tt="none">
                {t(`consent.${k}`)}: {c.consents[k] ? t('customers.yes') : t('customers.no')}
              </Badge>
            ))}
          </Group>
        ) : (
          t('customers.noConsents')
        )}
      </Field>
      {c.tags.length > 0 && (
        <Field label={t('customers.tags')}>
          <Group gap={4}>
            {c.tags.map((tag) => (
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

export function CustomerPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { customerId } = route.useParams();
  const customer = useQuery(customerQuery(customerId));
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);

  if (customer.isPending) {
    return <PageSkeleton />;
  }
  if (customer.isError) {
    return <ErrorState error={customer.error} onRetry={() => void customer.refetch()} />;
  }
  const c = customer.data;
  const canEdit = abilities(me.role).editCustomers && !c.mergedInto;

  return (
    <Stack gap="md" maw={1200}>
      <Stack gap={4}>
        <Anchor component={Link} to="/customers" size="sm">
          ← {t('customers.back')}
        </Anchor>
        <Group justify="space-between" align="center">
          <Group gap="sm">
            <Title order={2} size="h3" data-testid="customer-title">
              {customerLabel(c, t('customer.unnamed'))}
            </Title>
            {c.mergedInto && <Badge color="gray">{t('customers.merged')}</Badge>}
          </Group>
          {canEdit && !editing && (
            <Group gap="xs">
              <Button variant="light" onClick={() => setEditing(true)}>
                {t('customers.edit')}
              </Button>
              <Button variant="default" onClick={() => setMerging(true)}>
                {t('customers.merge')}
              </Button>
            </Group>
          )}
        </Group>
      </Stack>
      {c.mergedInto && (
        <Alert color="yellow" title={t('customers.mergedTitle')} data-testid="merged-notice">
          {t('customers.mergedHint')}{' '}
          <Anchor component={Link} to={`/customers/${c.mergedInto}`}>
            {t('customers.openSurvivor')}
          </Anchor>
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Paper withBorder p="md">
            <Group gap={6} mb="sm">
              <Badge color="green" variant="light">
                {t('customer.thanks', { count: c.appeals.thanks })}
              </Badge>
              <Badge color="red" variant="light">
                {t('customer.complaints', { count: c.appeals.incidents })}
              </Badge>
              <Badge color="gray" variant="light">
                {t('customer.total', { count: c.appeals.total })}
              </Badge>
              <Badge color="blue" variant="light">
                {t('customers.open', { count: c.appeals.open })}
              </Badge>
            </Group>
            {editing ? <CustomerEditForm customer={c} onDone={() => setEditing(false)} /> : <Details c={c} />}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <CustomerAppeals customerId={c.mergedInto ? null : c.id} total={c.appeals.total} />
        </Grid.Col>
      </Grid>
      {merging && <MergeDialog customer={c} onClose={() => setMerging(false)} />}
    </Stack>
  );
}
