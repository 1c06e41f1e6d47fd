// A unit's submission (store, service centre…): the server checks the unit type's rules and names every
// missing thing at once (422 submission_rejected); each message appears under its field.
import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, newIdempotencyKey } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { Appeal, CreateAppeal } from '../../api/contract.ts';
import { useMe } from '../../auth/session.ts';
import { FileUploader, type UploadItem } from '../../components/FileUploader.tsx';
import { EmptyState, errorMessage } from '../../components/states.tsx';
import { useDirectory } from '../../lib/directory.ts';
import { fieldErrors } from '../../lib/field-errors.ts';

type Kind = 'incident' | 'thanks';

export function SubmitPage() {
  const { t } = useTranslation();
  const me = useMe();
  const dir = useDirectory();
  const queryClient = useQueryClient();
  const idempotencyKey = useRef(newIdempotencyKey());
  const myUnits = dir.units.filter((u) => u.active && (me.role !== 'unit_responsible' || me.unitIds.includes(u.id)));
  const [unitId, setUnitId] = useState<string | null>(me.unitIds[0] ?? null);
  const [kind, setKind] = useState<Kind>('incident');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [sequenceNumber, setSequenceNumber] = useState('');
  const [customerName, setCustomerName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [files, setFiles] = useState<UploadItem[]>([]);
  const [formKey, setFormKey] = useState(0);

  const submit = useMutation({
    mutationFn: (body: CreateAppeal) =>
      api.post<Appeal>('/appeals', body, { 'idempotency-key': idempotencyKey.current }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.appeals }),
    onError: (err) => {
      if (err instanceof ApiError && err.status < 500) {
        idempotencyKey.current = newIdempotencyKey();
      }
    },
  });
  const errors = fieldErrors(submit.error, t);
  const uploading = files.some((f) => !f.attachment && !f.error);

  const send = (e: FormEvent) => {
    e.preventDefault();
    const customer: CreateAppeal['customer'] = {};
    if (customerName.trim()) {
      customer.name = customerName.trim();
    }
    if (phone.trim()) {
      customer.phone = phone.trim();
    }
    if (email.trim()) {
      customer.email = email.trim();
    }
    submit.mutate({
      kind,
      channel: 'store_submission',
      subject: subject.trim(),
      description,
      ...(unitId ? { unitId } : {}),
      ...(sequenceNumber.trim() ? { sequenceNumber: sequenceNumber.trim() } : {}),
      customer,
      attachmentIds: files.flatMap((f) => (f.attachment ? [f.attachment.id] : [])),
    });
  };

  const reset = () => {
    setSubject('');
    setDescription('');
    setSequenceNumber('');
    setCustomerName('');
    setPhone('');
    setEmail('');
    setFiles([]);
    setFormKey((k) => k + 1);
    idempotencyKey.current = newIdempotencyKey();
    submit.reset();
  };

  if (submit.isSuccess) {
    return (
      <Stack maw={720}>
        <Alert
          color="green"
          title={t('submit.doneTitle', { number: submit.data.number })}
          role="status"
          data-testid="submit-done"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('submit.doneHint')}</Text>
            <Group>
              <Button size="xs" onClick={reset}>
                {t('submit.another')}
              </Button>
              <Button size="xs" variant="light" component={Link} to={`/appeals/${submit.data.id}`}>
                {t('submit.open')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      </Stack>
    );
  }
  if (me.role === 'unit_responsible' && me.unitIds.length === 0) {
    return <EmptyState title={t('queues.noUnit')} hint={t('submit.noUnitHint')} />;
  }

  return (
    <Stack gap="md" maw={820}>
      <Title order={2} size="h3">
        {t('submit.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('submit.intro')}
      </Text>
      <Paper withBorder p="md" component="form" onSubmit={send} aria-label={t('submit.title')} key={formKey}>
        <Stack gap="sm">
          {submit.isError && (
            <Alert
              color="red"
              role="alert"
              data-testid="submit-error"
              title={
                submit.error instanceof ApiError && submit.error.code === 'submission_rejected'
                  ? t('submit.rejected')
                  : t('errors.title')
              }
            >
              {submit.error instanceof ApiError && submit.error.fields.length
                ? t('submit.fixFields', { count: submit.error.fields.length })
                : errorMessage(submit.error, t)}
            </Alert>
          )}
          <Group grow align="flex-start">
            <Select
              label={t('appeal.unit')}
              required
              value={unitId}
              onChange={setUnitId}
              allowDeselect={false}
              data={myUnits.map((u) => ({ value: u.id, label: u.name }))}
              error={errors.unitId}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="submit-kind">
                {t('appeal.kind')}
              </Text>
              <SegmentedControl
                value={kind}
                onChange={(v) => setKind(v as Kind)}
                aria-labelledby="submit-kind"
                data={[
                  { value: 'incident', label: t('kind.incident') },
                  { value: 'thanks', label: t('kind.thanks') },
                ]}
              />
            </Stack>
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t('appeal.subject')}
              required
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              error={errors.subject}
            />
            <TextInput
              label={t('appeal.sequenceNumber')}
              description={t('submit.sequenceHint')}
              value={sequenceNumber}
              onChange={(e) => setSequenceNumber(e.currentTarget.value)}
              error={errors.sequenceNumber}
            />
          </Group>
          <Textarea
            label={t('submit.comment')}
            description={t('submit.commentHint')}
            autosize
            minRows={4}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <Title order={3} size="h5" mt="xs">
            {t('appeal.customer')}
          </Title>
          <Group grow align="flex-start">
            <TextInput
              label={t('customer.name')}
              value={customerName}
              onChange={(e) => setCustomerName(e.currentTarget.value)}
              error={errors['customer.name']}
            />
            <TextInput
              label={t('customer.phone')}
              type="tel"
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
            />
            <TextInput
              label={t('customer.email')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.customer}
            />
          </Group>
          <Title order={3} size="h5" mt="xs">
            {t('appeal.attachments')}
          </Title>
          <FileUploader onChange={setFiles} error={errors.attachmentIds} />
          <Group justify="flex-end">
            {uploading && (
              <Text size="sm" c="dimmed">
                {t('submit.waitUploads')}
              </Text>
            )}
            <Button type="submit" loading={submit.isPending} disabled={uploading}>
              {t('submit.send')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
