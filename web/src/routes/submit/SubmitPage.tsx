// A unit's submission (store, service centre…): the server checks the unit type's rules and names every
// missing thing at once (422 submission_rejected); each message appears under its field.
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { Appeal } from '../../api/contract.ts';
import { customerContacts, useCreateAppeal } from '../../api/create-appeal.ts';
import { useMe } from '../../auth/session.ts';
import { FileUploader, type UploadItem } from '../../components/FileUploader.tsx';
import { EmptyState, errorMessage } from '../../components/states.tsx';
import { useDirectory } from '../../lib/directory.ts';
import { fieldErrors } from '../../lib/field-errors.ts';
import {
  blankSubmission,
  SubmissionCustomerFields,
  SubmissionFields,
  type SubmissionDraft,
} from './SubmissionFields.tsx';

function SubmitDone({ appeal, onAnother }: { appeal: Appeal; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack maw={720}>
      <Alert
        color="green"
        title={t('submit.doneTitle', { number: appeal.number })}
        role="status"
        data-testid="submit-done"
      >
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t('submit.doneHint')}</Text>
          <Group>
            <Button size="xs" onClick={onAnother}>
              {t('submit.another')}
            </Button>
            <Button size="xs" variant="light" component={Link} to={`/appeals/${appeal.id}`}>
              {t('submit.open')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    </Stack>
  );
}

/** Why the server refused: the rules of submission (the fields say which), or another error. */
function SubmitError({ error }: { error: Error }) {
  const { t } = useTranslation();
  const rejected = error instanceof ApiError && error.code === 'submission_rejected';
  return (
    <Alert
      color="red"
      role="alert"
      data-testid="submit-error"
      title={rejected ? t('submit.rejected') : t('errors.title')}
    >
      {error instanceof ApiError && error.fields.length
        ? t('submit.fixFields', { count: error.fields.length })
        : errorMessage(error, t)}
    </Alert>
  );
}

export function SubmitPage() {
  const { t } = useTranslation();
  const me = useMe();
  const directory = useDirectory();
  const myUnits = directory.units.filter(
    (unit) => unit.active && (me.role !== 'unit_responsible' || me.unitIds.includes(unit.id)),
  );
  const [draft, setDraft] = useState(() => blankSubmission(me.unitIds[0] ?? null));
  const [files, setFiles] = useState<UploadItem[]>([]);
  // A new key after each submission gives a fresh form (and file list); the unit stays chosen.
  const [formKey, setFormKey] = useState(0);
  const { create: submit, startOver } = useCreateAppeal();
  const errors = fieldErrors(submit.error, t);
  const uploading = files.some((file) => !file.attachment && !file.error);

  const send = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate({
      kind: draft.kind,
      channel: 'store_submission',
      subject: draft.subject.trim(),
      description: draft.description,
      ...(draft.unitId ? { unitId: draft.unitId } : {}),
      ...(draft.sequenceNumber.trim() ? { sequenceNumber: draft.sequenceNumber.trim() } : {}),
      customer: customerContacts(draft),
      attachmentIds: files.flatMap((file) => (file.attachment ? [file.attachment.id] : [])),
    });
  };
  const another = () => {
    setDraft((current) => ({ ...blankSubmission(current.unitId), kind: current.kind }));
    setFiles([]);
    setFormKey((key) => key + 1);
    startOver();
  };

  if (submit.isSuccess) {
    return <SubmitDone appeal={submit.data} onAnother={another} />;
  }
  if (me.role === 'unit_responsible' && me.unitIds.length === 0) {
    return <EmptyState title={t('queues.noUnit')} hint={t('submit.noUnitHint')} />;
  }
  const fields = {
    draft,
    onChange: (patch: Partial<SubmissionDraft>) => setDraft((current) => ({ ...current, ...patch })),
    errors,
  };

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
          {submit.isError && <SubmitError error={submit.error} />}
          <SubmissionFields {...fields} units={myUnits} />
          <SubmissionCustomerFields {...fields} />
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
