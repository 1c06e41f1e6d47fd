// The conversation: customer's messages on the left, ours on the right, internal notes in yellow.
import { Skeleton, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { messagesQuery } from '../../api/queries.ts';
import { EmptyState, ErrorState } from '../../components/states.tsx';
import { MessageCard } from './MessageCard.tsx';

export function Thread({ appealId }: { appealId: string }) {
  const { t } = useTranslation();
  const messages = useQuery(messagesQuery(appealId));
  if (messages.isPending) {
    return (
      <Stack gap="sm">
        <Skeleton height={72} />
        <Skeleton height={72} ml="20%" />
      </Stack>
    );
  }
  if (messages.isError) {
    return <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />;
  }
  if (messages.data.length === 0) {
    return <EmptyState title={t('thread.empty')} hint={t('thread.emptyHint')} />;
  }
  return (
    <Stack gap="sm" role="log" aria-label={t('appeal.thread')} data-testid="thread">
      {messages.data.map((message) => (
        <MessageCard key={message.id} message={message} />
      ))}
    </Stack>
  );
}
