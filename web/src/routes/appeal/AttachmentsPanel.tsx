// Files of an appeal: images previewed, everything downloadable, new files added with a progress bar.
import { Anchor, Card, Image, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { attachmentsQuery } from '../../api/queries.ts';
import type { Attachment } from '../../api/contract.ts';
import { FileUploader } from '../../components/FileUploader.tsx';
import { EmptyState, ErrorState } from '../../components/states.tsx';
import { formatBytes, formatDateTime } from '../../lib/format.ts';

const contentUrl = (attachment: Attachment) => `/api/v1/attachments/${attachment.id}/content`;

export function AttachmentsPanel({ appealId }: { appealId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const files = useQuery(attachmentsQuery(appealId));

  return (
    <Stack gap="sm">
      {files.isPending ? (
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          <Skeleton height={140} />
          <Skeleton height={140} />
        </SimpleGrid>
      ) : files.isError ? (
        <ErrorState error={files.error} onRetry={() => void files.refetch()} />
      ) : files.data.length === 0 ? (
        <EmptyState title={t('attachments.empty')} />
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          {files.data.map((attachment) => (
            <Card key={attachment.id} withBorder padding="xs">
              {attachment.contentType.startsWith('image/') ? (
                <Card.Section>
                  <a href={contentUrl(attachment)} target="_blank" rel="noreferrer">
                    <Image src={contentUrl(attachment)} alt={attachment.fileName} h={110} fit="cover" loading="lazy" />
                  </a>
                </Card.Section>
              ) : (
                <Card.Section h={110} bg="gray.1" style={{ display: 'grid', placeItems: 'center' }}>
                  <Text fw={700} c="dimmed">
                    {attachment.fileName.split('.').pop()?.toUpperCase() ?? 'FILE'}
                  </Text>
                </Card.Section>
              )}
              <Text size="sm" truncate mt={6} title={attachment.fileName}>
                {attachment.fileName}
              </Text>
              <Text size="xs" c="dimmed">
                {formatBytes(attachment.size)} ·{' '}
                {t(`documentKind.${attachment.documentKind}`, { defaultValue: attachment.documentKind })} ·{' '}
                {formatDateTime(attachment.createdAt)}
              </Text>
              <Anchor
                href={contentUrl(attachment)}
                download={attachment.fileName}
                size="xs"
                aria-label={`${t('attachments.download')} ${attachment.fileName}`}
              >
                {t('attachments.download')}
              </Anchor>
            </Card>
          ))}
        </SimpleGrid>
      )}
      <FileUploader
        appealId={appealId}
        onUploaded={() => void queryClient.invalidateQueries({ queryKey: attachmentsQuery(appealId).queryKey })}
      />
    </Stack>
  );
}
