// A phone call or a walk-in written down as an appeal, with the customer found or created.
import {
  Alert,
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, newIdempotencyKey } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { Appeal, AppealKind, CreateAppeal, CustomerRef, Priority } from '../../api/contract.ts';
import { APPEAL_KINDS, PRIORITIES } from '../../api/enums.ts';
import { errorMessage } from '../../components/states.tsx';
import { useDirectory } from '../../lib/directory.ts';
import { fieldErrors } from '../../lib/field-errors.ts';
import { CustomerLookup, type CustomerChoice } from './CustomerLookup.tsx';

function customerRef(choice: CustomerChoice | null): CustomerRef {
  if (!choice) {
    return {};
  }
  if (choice.mode === 'existing') {
    return { id: choice.customer.id };
  }
  const ref: { name?: string; phone?: string; email?: string } = {};
  if (choice.name.trim()) {
    ref.name = choice.name.trim();
  }
  if (choice.phone.trim()) {
    ref.phone = choice.phone.trim();
  }
  if (choice.email.trim()) {
    ref.email = choice.email.trim();
  }
  return ref;
}

export function NewAppealPage() {
  const { t } = useTranslation();
  const dir = useDirectory();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const idempotencyKey = useRef(newIdempotencyKey());
  const [channel, setChannel] = useState<'phone' | 'walk_in'>('phone');
  const [kind, setKind] = useState<AppealKind>('incident');
  const [priority, setPriority] = useState<Priority>('normal');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [lookup, setLookup] = useState('');
  const [customer, setCustomer] = useState<CustomerChoice | null>(null);

  const create = useMutation({
    mutationFn: (body: CreateAppeal) =>
      api.post<Appeal>('/appeals', body, { 'idempotency-key': idempotencyKey.current }),
    onSuccess: (appeal) => {
      void queryClient.invalidateQueries({ queryKey: keys.appeals });
      void navigate({ to: '/appeals/$appealId', params: { appealId: appeal.id } });
    },
    onError: (err) => {
      // A refused body may be fixed and sent again: that is a new request.
      if (err instanceof ApiError && err.status < 500) {
        idempotencyKey.current = newIdempotencyKey();
      }
    },
  });
  const errors = fieldErrors(create.error, t);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      kind,
      channel,
      priority,
      subject: subject.trim(),
      description,
      ...(unitId ? { unitId } : {}),
      ...(categoryId ? { categoryId } : {}),
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
            <Stack gap="sm">
              <SegmentedControl
                value={channel}
                onChange={(v) => setChannel(v as 'phone' | 'walk_in')}
                aria-label={t('appeal.channel')}
                data={[
                  { value: 'phone', label: t('channel.phone') },
                  { value: 'walk_in', label: t('channel.walk_in') },
                ]}
              />
              <Group grow>
                <Select
                  label={t('appeal.kind')}
                  allowDeselect={false}
                  value={kind}
                  onChange={(v) => {
                    if (v) {
                      setKind(v as AppealKind);
                      setCategoryId(null);
                    }
                  }}
                  data={APPEAL_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
                />
                <Select
                  label={t('appeal.priority')}
                  allowDeselect={false}
                  value={priority}
                  onChange={(v) => v && setPriority(v as Priority)}
                  data={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
                />
              </Group>
              <TextInput
                label={t('appeal.subject')}
                required
                value={subject}
                onChange={(e) => setSubject(e.currentTarget.value)}
                error={errors.subject}
              />
              <Textarea
                label={t('appeal.description')}
                autosize
                minRows={4}
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                error={errors.description}
              />
              <Group grow>
                <Select
                  label={t('appeal.unit')}
                  placeholder={t('common.notSet')}
                  clearable
                  searchable
                  value={unitId}
                  onChange={setUnitId}
                  data={dir.units.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))}
                  error={errors.unitId}
                  nothingFoundMessage={t('common.nothingFound')}
                />
                <Select
                  label={t('appeal.category')}
                  placeholder={t('common.notSet')}
                  clearable
                  searchable
                  value={categoryId}
                  onChange={setCategoryId}
                  data={dir.categories
                    .filter((c) => c.active && c.kinds.includes(kind))
                    .map((c) => ({ value: c.id, label: dir.categoryName(c) }))}
                  error={errors.categoryId}
                  nothingFoundMessage={t('common.nothingFound')}
                />
              </Group>
            </Stack>
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
