// The fields of a unit's submission: which unit, incident or thanks, subject, sequence number, comment, and the
// customer's contacts.
import { Group, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../api/contract.ts';
import { textInputs } from '../../lib/form-draft.ts';

export type SubmissionKind = 'incident' | 'thanks';

export interface SubmissionDraft {
  unitId: string | null;
  kind: SubmissionKind;
  subject: string;
  sequenceNumber: string;
  description: string;
  name: string;
  phone: string;
  email: string;
}

export const blankSubmission = (unitId: string | null): SubmissionDraft => ({
  unitId,
  kind: 'incident',
  subject: '',
  sequenceNumber: '',
  description: '',
  name: '',
  phone: '',
  email: '',
});

interface DraftProps {
  draft: SubmissionDraft;
  onChange: (patch: Partial<SubmissionDraft>) => void;
  errors: Record<string, string>;
}

export function SubmissionFields({ draft, onChange, errors, units }: DraftProps & { units: Unit[] }) {
  const { t } = useTranslation();
  const text = textInputs(draft, onChange, errors);
  return (
    <>
      <Group grow align="flex-start">
        <Select
          label={t('appeal.unit')}
          required
          value={draft.unitId}
          onChange={(unitId) => onChange({ unitId })}
          allowDeselect={false}
          data={units.map((unit) => ({ value: unit.id, label: unit.name }))}
          error={errors.unitId}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="submit-kind">
            {t('appeal.kind')}
          </Text>
          <SegmentedControl
            value={draft.kind}
            onChange={(kind) => onChange({ kind: kind as SubmissionKind })}
            aria-labelledby="submit-kind"
            data={[
              { value: 'incident', label: t('kind.incident') },
              { value: 'thanks', label: t('kind.thanks') },
            ]}
          />
        </Stack>
      </Group>
      <Group grow align="flex-start">
        <TextInput label={t('appeal.subject')} required {...text('subject')} />
        <TextInput
          label={t('appeal.sequenceNumber')}
          description={t('submit.sequenceHint')}
          {...text('sequenceNumber')}
        />
      </Group>
      <Textarea
        label={t('submit.comment')}
        description={t('submit.commentHint')}
        autosize
        minRows={4}
        {...text('description')}
      />
    </>
  );
}

export function SubmissionCustomerFields({ draft, onChange, errors }: DraftProps) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={3} size="h5" mt="xs">
        {t('appeal.customer')}
      </Title>
      <Group grow align="flex-start">
        <TextInput
          label={t('customer.name')}
          value={draft.name}
          onChange={(event) => onChange({ name: event.currentTarget.value })}
          error={errors['customer.name']}
        />
        <TextInput
          label={t('customer.phone')}
          type="tel"
          value={draft.phone}
          onChange={(event) => onChange({ phone: event.currentTarget.value })}
        />
        <TextInput
          label={t('customer.email')}
          type="email"
          value={draft.email}
          onChange={(event) => onChange({ email: event.currentTarget.value })}
          error={errors.customer}
        />
      </Group>
    </>
  );
}
