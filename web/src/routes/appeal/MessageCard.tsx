// One message of the thread. E-mail's quoted text and signature are folded away until asked for.
import { Badge, Button, Collapse, Group, Paper, Text, type TextProps } from '@mantine/core';
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

const DIRECTION_COLOR = { note: 'yellow', outbound: 'blue', inbound: 'gray' } as const;

const DELIVERY_COLOR: Record<string, string> = {
  sent: 'green',
  delivered: 'green',
  queued: 'gray',
  pending: 'gray',
  failed: 'red',
  bounced: 'red',
};

/** A part of a mail shown on request: its button, then the text. */
function FoldedText({ label, text, textProps }: { label: string; text: string; textProps?: TextProps }) {
  const [open, { toggle }] = useDisclosure(false);
  return (
    <>
      <Button variant="subtle" size="compact-xs" onClick={toggle} aria-expanded={open}>
        {label}
      </Button>
      <Collapse expanded={open}>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} {...textProps}>
          {text}
        </Text>
      </Collapse>
    </>
  );
}

function MessageHeader({ message }: { message: Message }) {
  const { t } = useTranslation();
  const directory = useDirectory();
  const { direction, channel, delivery } = message;
  const author = direction === 'inbound' ? t('thread.customer') : directory.userName(message.authorId);
  return (
    <Group justify="space-between" gap="xs" mb={4} wrap="nowrap">
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={600}>
          {author}
        </Text>
        <Badge size="xs" variant="light" color={DIRECTION_COLOR[direction]}>
          {t(`thread.direction.${direction}`)}
        </Badge>
        {channel && direction !== 'note' && (
          <Text size="xs" c="dimmed">
            {t(`channel.${channel}`, { defaultValue: channel })}
          </Text>
        )}
      </Group>
      <Group gap={6} wrap="nowrap">
        {delivery?.status && (
          <Badge size="xs" color={DELIVERY_COLOR[delivery.status] ?? 'gray'} title={delivery.error ?? undefined}>
            {t(`delivery.${delivery.status}`, { defaultValue: delivery.status })}
          </Badge>
        )}
        <Text size="xs" c="dimmed">
          {formatDateTime(message.createdAt)}
        </Text>
      </Group>
    </Group>
  );
}

export function MessageCard({ message }: { message: Message }) {
  const { t } = useTranslation();
  const look = LOOK[message.direction];
  return (
    <Paper
      p="sm"
      radius="md"
      ml={look.ml}
      mr={look.mr}
      bg={look.bg}
      style={{ border: `1px solid ${look.border}` }}
      data-direction={message.direction}
      aria-label={t(`thread.direction.${message.direction}`)}
    >
      <MessageHeader message={message} />
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {message.body}
      </Text>
      {message.mail?.signature && <FoldedText label={t('thread.signature')} text={message.mail.signature} />}
      {message.mail?.quoted && (
        <FoldedText
          label={t('thread.quoted')}
          text={message.mail.quoted}
          textProps={{
            pl: 'sm',
            style: { whiteSpace: 'pre-wrap', borderLeft: '2px solid var(--mantine-color-gray-4)' },
          }}
        />
      )}
    </Paper>
  );
}
