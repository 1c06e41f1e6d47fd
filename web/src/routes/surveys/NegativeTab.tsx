// Negative answers waiting for a supervisor's qualification: staff, office/process, product or force majeure.
import { Badge, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { fetchNegative, qualify, surveyKeys } from './api.ts';

const QUALIFICATIONS = ['staff', 'office', 'product', 'force_majeure'] as const;

const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v));

export function NegativeTab({ canQualify }: { canQualify: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const responses = useQuery({ queryKey: [...surveyKeys.all, 'negative'], queryFn: fetchNegative });
  const save = useMutation({
    mutationFn: ({ id, q }: { id: string; q: string }) => qualify(id, q),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: surveyKeys.all }),
  });
  if (responses.isPending) {
    return <TableSkeleton />;
  }
  if (responses.isError) {
    return <ErrorState error={responses.error} />;
  }
  if (responses.data.length === 0) {
    return <EmptyState title={t('surveys.noNegative')} />;
  }
  return (
    <Table striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('surveys.sent')}</Table.Th>
          <Table.Th>{t('surveys.unit')}</Table.Th>
          <Table.Th>{t('surveys.answers')}</Table.Th>
          <Table.Th>{t('surveys.qualify')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {responses.data.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>{r.sentAt ? formatDateTime(r.sentAt) : '—'}</Table.Td>
            <Table.Td>
              <Text size="sm">{r.unitName ?? '—'}</Text>
              {r.staffName && (
                <Text size="xs" c="dimmed">
                  {r.staffName}
                </Text>
              )}
              {r.appealNumber !== null && (
                <Badge variant="light" size="xs">
                  #{r.appealNumber}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <Stack gap={0}>
                {r.answers.map((a) => (
                  <Text key={a.questionId} size="xs">
                    <b>{a.questionId}</b>: {show(a.value)}
                  </Text>
                ))}
              </Stack>
            </Table.Td>
            <Table.Td>
              <Group>
                <Select
                  aria-label={t('surveys.qualify')}
                  disabled={!canQualify || save.isPending}
                  value={r.qualification}
                  data={QUALIFICATIONS.map((q) => ({ value: q, label: t(`surveys.q.${q}`) }))}
                  onChange={(q) => q && save.mutate({ id: r.id, q })}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
