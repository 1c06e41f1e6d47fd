// The surveys: a form to create one (for those who manage them), and each survey's questions and triggers.
import { Badge, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { fetchSurveys, surveyKeys } from './api.ts';
import { NewSurvey } from './NewSurvey.tsx';
import { Triggers } from './Triggers.tsx';

export function SurveysTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const surveys = useQuery({ queryKey: [...surveyKeys.all, 'list'], queryFn: fetchSurveys });
  return (
    <Stack>
      {canManage && <NewSurvey />}
      {surveys.isPending ? (
        <TableSkeleton />
      ) : surveys.isError ? (
        <ErrorState error={surveys.error} />
      ) : (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.name')}</Table.Th>
              <Table.Th>{t('surveys.questions')}</Table.Th>
              <Table.Th>{t('surveys.triggers')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {surveys.data.map((survey) => (
              <Table.Tr key={survey.id}>
                <Table.Td>
                  {survey.name}{' '}
                  {!survey.active && (
                    <Badge color="gray" size="xs">
                      off
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {survey.questions.map((question) => (
                    <Text key={question.id} size="xs">
                      {question.type}: {question.wording.ru}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>
                  <Triggers survey={survey} canManage={canManage} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
