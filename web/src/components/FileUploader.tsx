// Pick files and upload each with its own progress bar; staged (no appeal yet) or onto an appeal.
import { ActionIcon, Button, FileButton, Group, Progress, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../api/contract.ts';
import { uploadFile } from '../api/upload.ts';
import { formatBytes } from '../lib/format.ts';
import { errorMessage } from './states.tsx';

export const DOCUMENT_KINDS = ['photo', 'receipt', 'scan', 'repair_act', 'other'] as const;

export interface UploadItem {
  key: string;
  file: File;
  progress: number;
  attachment?: Attachment;
  error?: string;
}

/** One file: its name and size, a remove button, its progress, and why it failed. */
function UploadRow({ item, onRemove }: { item: UploadItem; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} data-testid="upload-item">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" truncate>
          {item.file.name}{' '}
          <Text span c="dimmed" size="xs">
            {formatBytes(item.file.size)}
          </Text>
        </Text>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          onClick={onRemove}
          aria-label={`${t('attachments.remove')} ${item.file.name}`}
        >
          ×
        </ActionIcon>
      </Group>
      <Progress
        value={item.progress * 100}
        color={item.error ? 'red' : item.attachment ? 'green' : 'blue'}
        size="sm"
        aria-label={`${t('attachments.progress')} ${item.file.name}`}
        animated={!item.attachment && !item.error}
      />
      {item.error && (
        <Text size="xs" c="red">
          {item.error}
        </Text>
      )}
    </Stack>
  );
}

export function FileUploader({
  appealId,
  onUploaded,
  onChange,
  error,
}: {
  appealId?: string;
  onUploaded?: (attachment: Attachment) => void;
  /** The uploaded files so far, for a form that sends their ids. */
  onChange?: (items: UploadItem[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [documentKind, setDocumentKind] = useState<string>('photo');

  // Report changes of the list, not of the callback (a parent may pass a new function each render).
  useEffect(() => {
    onChange?.(items);
  }, [items]);

  const patch = (key: string, change: Partial<UploadItem>) =>
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const add = (files: File[]) => {
    const added = files.map((file) => ({ key: crypto.randomUUID(), file, progress: 0 }));
    setItems((list) => [...list, ...added]);
    for (const item of added) {
      uploadFile(item.file, {
        appealId,
        documentKind,
        onProgress: (progress) => patch(item.key, { progress }),
      })
        .then((attachment) => {
          patch(item.key, { attachment, progress: 1 });
          onUploaded?.(attachment);
        })
        .catch((err: unknown) => patch(item.key, { error: errorMessage(err, t) }));
    }
  };

  const remove = (key: string) => setItems((list) => list.filter((item) => item.key !== key));

  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end">
        <Select
          label={t('attachments.documentKind')}
          w={180}
          allowDeselect={false}
          value={documentKind}
          onChange={(kind) => kind && setDocumentKind(kind)}
          data={DOCUMENT_KINDS.map((kind) => ({ value: kind, label: t(`documentKind.${kind}`) }))}
        />
        <FileButton onChange={add} multiple>
          {(props) => (
            <Button {...props} variant="default">
              {t('attachments.add')}
            </Button>
          )}
        </FileButton>
      </Group>
      {error && (
        <Text size="sm" c="red" role="alert" data-testid="files-error">
          {error}
        </Text>
      )}
      {items.map((item) => (
        <UploadRow key={item.key} item={item} onRemove={() => remove(item.key)} />
      ))}
    </Stack>
  );
}
