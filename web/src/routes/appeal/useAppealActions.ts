// The changes an agent makes to an appeal; each refreshes the appeal, its thread and history, and the queues.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { Appeal, CreateMessage, Message, UpdateAppeal } from '../../api/contract.ts';
import { errorMessage } from '../../components/states.tsx';

export function useAppealActions(appealId: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const onSuccess = (appeal?: Appeal) => {
    if (appeal) {
      queryClient.setQueryData(keys.appeal(appealId), appeal);
    }
    void queryClient.invalidateQueries({ queryKey: keys.appeals });
  };
  const onError = (error: unknown) =>
    notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(error, t) });

  const update = useMutation({
    mutationFn: (patch: UpdateAppeal) => api.patch<Appeal>(`/appeals/${appealId}`, patch),
    onSuccess: (appeal) => {
      onSuccess(appeal);
      notifications.show({ color: 'green', message: t('appeal.saved') });
    },
    onError,
  });
  const assign = useMutation({
    mutationFn: (ownerId: string | null) => api.post<Appeal>(`/appeals/${appealId}/assign`, { ownerId }),
    onSuccess,
    onError,
  });
  const addMessage = useMutation({
    mutationFn: (message: CreateMessage) => api.post<Message>(`/appeals/${appealId}/messages`, message),
    onSuccess: () => onSuccess(),
    onError,
  });
  return { update, assign, addMessage };
}
