// Naming a saved queue view: save the current filters, or rename or delete a saved one. Loaded on demand.
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../components/states.tsx';
import { fieldErrors } from '../../lib/field-errors.ts';
import type { SavedView } from '../../api/contract.ts';
import { savedViewsKey } from './saved.ts';

type Props = { onClose: () => void } & (
  { query: Record<string, string | string[]>; view?: undefined } | { view: SavedView; query?: undefined }
);

export function SavedViewDialog({ onClose, query, view }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(view?.name ?? '');
  const done = async () => {
    await client.invalidateQueries({ queryKey: savedViewsKey });
    onClose();
  };
  const save = useMutation({
    mutationFn: () => (view ? api.patch(`/views/${view.id}`, { name }) : api.post('/views', { name, query })),
    onSuccess: done,
  });
  const remove = useMutation({ mutationFn: (id: string) => api.delete(`/views/${id}`), onSuccess: done });
  const fields = fieldErrors(save.error, t);
  const other =
    save.error && !fields.name ? errorMessage(save.error, t) : remove.error ? errorMessage(remove.error, t) : undefined;

  return (
    <Modal opened onClose={onClose} title={view ? t('queues.saved.edit') : t('queues.saved.save')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('queues.saved.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={100}
            required
            data-autofocus
            error={fields.name ?? other}
          />
          <Group justify="space-between">
            {view ? (
              <Button
                color="red"
                variant="subtle"
                loading={remove.isPending}
                onClick={() => {
                  if (window.confirm(t('queues.saved.deleteConfirm', { name: view.name }))) {
                    remove.mutate(view.id);
                  }
                }}
              >
                {t('queues.saved.delete')}
              </Button>
            ) : (
              <span />
            )}
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
