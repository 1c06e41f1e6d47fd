// Mailboxes of the e-mail channel: list, create, edit, and "check mail now" for IMAP ones.
import { Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { adminKeys, mailboxesQuery, pollMailbox } from '../../../api/admin.ts';
import type { Mailbox } from '../../../api/contract.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { RequireAbility } from '../../../components/Forbidden.tsx';
import { EmptyState, errorMessage } from '../../../components/states.tsx';
import { useDirectory } from '../../../lib/directory.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { ActiveBadge, EditButton, ListHeader, useEditing } from '../list.tsx';
import { MailboxForm } from './MailboxForm.tsx';

/** "Check mail now": polls an IMAP mailbox and says how many messages came, or why none could. */
function usePoll() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => pollMailbox(id),
    onSuccess: (result) =>
      notifications.show({
        color: 'green',
        message: t('admin.mailboxes.polled', { fetched: result.fetched, stored: result.stored }),
      }),
    onError: (error) =>
      notifications.show({ color: 'red', title: t('admin.mailboxes.pollFailed'), message: errorMessage(error, t) }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: adminKeys.mailboxes }),
  });
}

function InboundCell({ mailbox }: { mailbox: Mailbox }) {
  const { t } = useTranslation();
  const { lastError, lastPollAt } = mailbox.imapState;
  return (
    <>
      <Text size="sm">{t(`admin.mailboxes.inboundMode.${mailbox.inbound}`)}</Text>
      {mailbox.inbound === 'imap' &&
        (lastError ? (
          <Tooltip label={lastError} multiline w={300}>
            <Text size="xs" c="red">
              {t('admin.mailboxes.lastError')}
            </Text>
          </Tooltip>
        ) : (
          <Text size="xs" c="dimmed">
            {t('admin.mailboxes.lastPoll')} {formatDateTime(lastPollAt)}
          </Text>
        ))}
    </>
  );
}

function Mailboxes() {
  const { t } = useTranslation();
  const directory = useDirectory();
  const mailboxes = useQuery(mailboxesQuery);
  const { editing, edit, create, close } = useEditing<Mailbox>();
  const poll = usePoll();

  return (
    <Stack gap="sm">
      <ListHeader intro={t('admin.mailboxes.intro')} newLabel={t('admin.mailboxes.new')} onNew={create} />
      <DataTable
        query={mailboxes}
        rows={(data) => data}
        rowKey={(mailbox) => mailbox.id}
        rowProps={(mailbox) => ({ 'data-mailbox': mailbox.address })}
        columns={[
          {
            header: t('admin.mailboxes.address'),
            cell: (mailbox) => (
              <>
                <Text size="sm" fw={500}>
                  {mailbox.address}
                </Text>
                <Text size="xs" c="dimmed">
                  {mailbox.name}
                  {mailbox.aliases.length ? ` · +${mailbox.aliases.length}` : ''}
                </Text>
              </>
            ),
          },
          { header: t('admin.mailboxes.inbound'), cell: (mailbox) => <InboundCell mailbox={mailbox} /> },
          { header: t('appeal.unit'), wide: true, cell: (mailbox) => directory.unitName(mailbox.unitId) },
          { header: t('admin.mailboxes.kind'), cell: (mailbox) => t(`kind.${mailbox.kind}`) },
          {
            header: t('admin.state'),
            cell: (mailbox) => (
              <Group gap={4}>
                <ActiveBadge active={mailbox.active} />
                {mailbox.autoAck && (
                  <Badge variant="outline" tt="none">
                    {t('admin.mailboxes.autoAckShort')}
                  </Badge>
                )}
              </Group>
            ),
          },
        ]}
        actions={(mailbox) => (
          <Group gap={4} wrap="nowrap">
            {mailbox.inbound === 'imap' && (
              <Button
                size="compact-xs"
                variant="light"
                loading={poll.isPending && poll.variables === mailbox.id}
                onClick={() => poll.mutate(mailbox.id)}
              >
                {t('admin.mailboxes.poll')}
              </Button>
            )}
            <EditButton name={mailbox.address} onClick={() => edit(mailbox)} />
          </Group>
        )}
        empty={<EmptyState title={t('admin.mailboxes.empty')} hint={t('admin.mailboxes.emptyHint')} />}
        label={t('admin.section.mailboxes')}
        testId="mailboxes-table"
        minWidth={680}
        skeletonRows={3}
      />
      {editing !== undefined && <MailboxForm mailbox={editing} onClose={close} />}
    </Stack>
  );
}

export function MailboxesPage() {
  return (
    <RequireAbility ability="manageSettings">
      <Mailboxes />
    </RequireAbility>
  );
}
