// Negative answers waiting for a supervisor's qualification: staff, office/process, product or force majeure.
import { Badge, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDateTime } from '../../lib/format.ts';
import type { Qualification } from '../../api/contract.ts';
import { QUALIFICATIONS } from '../../api/enums.ts';
import { fetchNegative, qualify, surveyKeys } from './api.ts';

const show = (answer: unknown) => (Array.isArray(answer) ? answer.join(', ') : String(answer));

export function NegativeTab({ canQualify }: { canQualify: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const responses = useQuery({ queryKey: [...surveyKeys.all, 'negative'], queryFn: fetchNegative });
  const save = useMutation({
    mutationFn: ({ id, qualification }: { id: string; qualification: Qualification }) => qualify(id, qualification),
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
        {responses.data.map((response) => (
          <Table.Tr key={response.id}>
            <Table.Td>{response.sentAt ? formatDateTime(response.sentAt) : '—'}</Table.Td>
            <Table.Td>
              <Text size="sm">{response.unitName ?? '—'}</Text>
              {response.staffName && (
                <Text size="xs" c="dimmed">
                  {response.staffName}
                </Text>
              )}
              {response.appealNumber !== null && (
                <Badge variant="light" size="xs">
                  #{response.appealNumber}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <Stack gap={0}>
                {response.answers.map((answer) => (
                  <Text key={answer.questionId} size="xs">
                    <b>{answer.questionId}</b>: {show(answer.value)}
                  </Text>
                ))}
              </Stack>
            </Table.Td>
            <Table.Td>
              <Group>
                <Select
                  aria-label={t('surveys.qualify')}
                  disabled={!canQualify || save.isPending}
                  value={response.qualification}
                  data={QUALIFICATIONS.map((qualification) => ({
                    value: qualification,
                    label: t(`surveys.q.${qualification}`),
                  }))}
                  onChange={(qualification) =>
                    qualification && save.mutate({ id: response.id, qualification: qualification as Qualification })
                  }
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
