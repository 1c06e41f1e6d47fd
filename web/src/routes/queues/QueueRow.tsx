// One appeal in the queue: number, kind and channel, subject and when it came, customer, unit, status, owner, due.
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppealListItem } from '../../api/contract.ts';
import { abilities, useMe } from '../../auth/session.ts';
import { DueBadge, KindBadge, StatusBadge } from '../../components/badges.tsx';
import { useDirectory } from '../../lib/directory.ts';
import { formatDateTime } from '../../lib/format.ts';

export function QueueRow({
  appeal,
  selected,
  onOpen,
  rowRef,
}: {
  appeal: AppealListItem;
  selected: boolean;
  onOpen: () => void;
  rowRef: (element: HTMLTableRowElement | null) => void;
}) {
  const { t } = useTranslation();
  const directory = useDirectory();
  // Unit staff may not read customers; the server sends them no names.
  const namesVisible = abilities(useMe().role).readDirectory;
  return (
    <Table.Tr
      ref={rowRef}
      onClick={onOpen}
      style={{ cursor: 'pointer' }}
      bg={selected ? 'blue.0' : undefined}
      aria-selected={selected}
      data-appeal-number={appeal.number}
    >
      <Table.Td>
        <Text fw={600} size="sm">
          {appeal.number}
        </Text>
      </Table.Td>
      <Table.Td>
        <KindBadge kind={appeal.kind} />
        <Text size="xs" c="dimmed" mt={2}>
          {t(`channel.${appeal.channel}`)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" truncate maw={{ base: 180, lg: 230, xl: 320 }} title={appeal.subject}>
          {appeal.subject}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(appeal.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        {appeal.customerName ? (
          <Text size="sm" truncate maw={{ base: 130, lg: 150 }} title={appeal.customerName}>
            {appeal.customerName}
          </Text>
        ) : (
          <Text span c="dimmed" size="sm">
            {appeal.customerId && namesVisible ? t('customer.unnamed') : '—'}
          </Text>
        )}
      </Table.Td>
      <Table.Td visibleFrom="md">
        <Text size="sm" maw={140}>
          {directory.unitName(appeal.unitId)}
        </Text>
      </Table.Td>
      <Table.Td>
        <StatusBadge status={appeal.status} />
      </Table.Td>
      <Table.Td>
        {appeal.ownerId ? (
          <Text size="sm">{directory.userName(appeal.ownerId)}</Text>
        ) : (
          <Text span c="dimmed" size="sm">
            {t('appeal.unassigned')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <DueBadge sla={appeal.sla} />
      </Table.Td>
    </Table.Tr>
  );
}
