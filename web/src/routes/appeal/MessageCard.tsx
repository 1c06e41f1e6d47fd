// One message of the thread. E-mail's quoted text and signature are folded away until asked for.
import { Badge, Button, Collapse, Group, Paper, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../api/contract.ts';
import { useDirectory } from '../../lib/directory.ts';
import { formatDateTime } from '../../lib/format.ts';

const LOOK = {
  inbound: { bg: 'white', border: 'var(--mantine-color-gray-3)', ml: 0, mr: '12%' },
  outbound: { bg: 'var(--mantine-color-blue-0)', border: 'var(--mantine-color-blue-2)', ml: '12%', mr: 0 },
  note: { bg: 'var(--mantine-color-yellow-0)', border: 'var(--mantine-color-yellow-4)', ml: '6%', mr: '6%' },
} as const;

const DELIVERY_COLOR: Record<string, string> = {
  sent: 'green',
  delivered: 'green',
  queued: 'gray',
  pending: 'gray',
  failed: 'red',
  bounced: 'red',
};

export function MessageCard({ message: m }: { message: Message }) {
  const { t } = useTranslation();
  const dir = useDirectory();
  const look = LOOK[m.direction];
  const [quotedOpen, quoted] = useDisclosure(false);
  const [signatureOpen, signature] = useDisclosure(false);
  const author = m.direction === 'inbound' ? t('thread.customer') : dir.userName(m.authorId);

  return (
    <Paper
      p="sm"
      radius="md"
      ml={look.ml}
      mr={look.mr}
      bg={look.bg}
      style={{ border: `1px solid ${look.border}` }}
      data-direction={m.direction}
      aria-label={t(`thread.direction.${m.direction}`)}
    >
      <Group justify="space-between" gap="xs" mb={4} wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600}>
            {author}
          </Text>
          <Badge
            size="xs"
            variant="light"
            color={m.direction === 'note' ? 'yellow' : m.direction === 'outbound' ? 'blue' : 'gray'}
          >
            {t(`thread.direction.${m.direction}`)}
          </Badge>
          {m.channel && m.direction !== 'note' && (
            <Text size="xs" c="dimmed">
              {t(`channel.${m.channel}`, { defaultValue: m.channel })}
            </Text>
          )}
        </Group>
        <Group gap={6} wrap="nowrap">
          {m.delivery?.status && (
            <Badge size="xs" color={DELIVERY_COLOR[m.delivery.status] ?? 'gray'} title={m.delivery.error ?? undefined}>
              {t(`delivery.${m.delivery.status}`, { defaultValue: m.delivery.status })}
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            {formatDateTime(m.createdAt)}
          </Text>
        </Group>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {m.body}
      </Text>
      {m.mail?.signature && (
        <>
          <Button variant="subtle" size="compact-xs" onClick={signature.toggle} aria-expanded={signatureOpen}>
            {t('thread.signature')}
          </Button>
          <Collapse expanded={signatureOpen}>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
              {m.mail.signature}
            </Text>
          </Collapse>
        </>
      )}
      {m.mail?.quoted && (
        <>
          <Button variant="subtle" size="compact-xs" onClick={quoted.toggle} aria-expanded={quotedOpen}>
            {t('thread.quoted')}
          </Button>
          <Collapse expanded={quotedOpen}>
            <Text
              size="xs"
              c="dimmed"
              pl="sm"
              style={{ whiteSpace: 'pre-wrap', borderLeft: '2px solid var(--mantine-color-gray-4)' }}
            >
              {m.mail.quoted}
            </Text>
          </Collapse>
        </>
      )}
    </Paper>
  );
}
