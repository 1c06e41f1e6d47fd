// What a merge would do, before it is done: the appeals that move, the contacts that move or are there already,
// the survivor's empty fields it fills, and the differing values it keeps.
import { Badge, Group, List, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergePreview } from '../../api/contract.ts';

const show = (value: unknown) =>
  Array.isArray(value) ? value.join(', ') : typeof value === 'boolean' ? (value ? '✓' : '✗') : String(value ?? '—');

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {title}
      </Text>
      {children}
    </Stack>
  );
}

function ConflictTable({ conflicts }: { conflicts: MergePreview['conflicts'] }) {
  const { t } = useTranslation();
  return (
    <Table fz="sm" withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('customers.fieldName')}</Table.Th>
          <Table.Th>{t('customers.kept')}</Table.Th>
          <Table.Th>{t('customers.dropped')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {conflicts.map((conflict) => (
          <Table.Tr key={conflict.field}>
            <Table.Td>{t(`customers.field.${conflict.field}`, { defaultValue: conflict.field })}</Table.Td>
            <Table.Td>{show(conflict.kept)}</Table.Td>
            <Table.Td c="dimmed">{show(conflict.dropped)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function Preview({
  preview,
  mergedName,
  survivorName,
}: {
  preview: MergePreview;
  mergedName: string;
  survivorName: string;
}) {
  const { t } = useTranslation();
  const kinds = Object.entries(preview.appeals.byKind);
  return (
    <Stack gap="sm" data-testid="merge-preview">
      <Text size="sm">{t('customers.previewIntro', { merged: mergedName, survivor: survivorName })}</Text>
      <Section title={t('customers.previewAppeals', { count: preview.appeals.total })}>
        {kinds.length > 0 && (
          <Group gap={4}>
            {kinds.map(([kind, count]) => (
              <Badge key={kind} variant="light" tt="none">
                {t(`kind.${kind}`)}: {count}
              </Badge>
            ))}
          </Group>
        )}
      </Section>
      {preview.identities.length > 0 && (
        <Section title={t('customers.previewContacts')}>
          <List size="sm" spacing={2}>
            {preview.identities.map((identity) => (
              <List.Item key={`${identity.kind}:${identity.value}`}>
                {identity.value} —{' '}
                <Text span c={identity.outcome === 'moves' ? 'green.8' : 'dimmed'} size="sm">
                  {t(`customers.outcome.${identity.outcome}`)}
                </Text>
              </List.Item>
            ))}
          </List>
        </Section>
      )}
      {preview.fills.length > 0 && (
        <Section title={t('customers.previewFills')}>
          <List size="sm" spacing={2}>
            {preview.fills.map((fill) => (
              <List.Item key={fill.field}>
                {t(`customers.field.${fill.field}`, { defaultValue: fill.field })}: {show(fill.value)}
              </List.Item>
            ))}
          </List>
        </Section>
      )}
      {preview.conflicts.length > 0 && (
        <Section title={t('customers.previewConflicts')}>
          <ConflictTable conflicts={preview.conflicts} />
        </Section>
      )}
    </Stack>
  );
}
