// An SLA policy: when it applies (kinds, channels, priorities, unit types, units), its targets in working
// minutes, whose calendar counts, when to warn and which statuses pause the clock.
import { Grid, NumberInput, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminKeys, createPolicy, updatePolicy } from '../../../api/admin.ts';
import { textInputs } from '../../../lib/form-draft.ts';
import type { SlaPolicy } from '../../../api/contract.ts';
import { ActiveSwitch, formErrors, FormFooter, FormModal, SPAN, useSaveAndClose } from '../form.tsx';
import { ClockFields, ConditionFields, TargetFields, type PolicyDraft } from './PolicyFields.tsx';

const draftOf = (policy: SlaPolicy | null): PolicyDraft => ({
  name: policy?.name ?? '',
  position: policy?.position ?? 100,
  active: policy?.active ?? true,
  conditions: policy?.conditions ?? {},
  targets: policy?.targets ?? [
    { metric: 'first_response', minutes: 120 },
    { metric: 'resolution', minutes: 1440 },
  ],
  calendarSource: policy?.calendarSource ?? 'unit',
  warnAtPercent: policy ? policy.warnAtPercent : 80,
  pauseStatuses: policy?.pauseStatuses ?? ['pending_customer'],
});

/** The policy as sent: the name trimmed, and only the condition lists that narrow something. */
const bodyOf = (draft: PolicyDraft): PolicyDraft => ({
  ...draft,
  name: draft.name.trim(),
  conditions: Object.fromEntries(
    Object.entries(draft.conditions).filter(([, values]) => Array.isArray(values) && values.length > 0),
  ) as PolicyDraft['conditions'],
});

export function PolicyForm({ policy, onClose }: { policy: SlaPolicy | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(policy));
  const change = (patch: Partial<PolicyDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const save = useSaveAndClose(adminKeys.policies, onClose);
  const errors = formErrors(save.error, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = bodyOf(draft);
    save.mutate(() => (policy ? updatePolicy(policy.id, body) : createPolicy(body)));
  };
  const title = policy ? t('admin.sla.editPolicy') : t('admin.sla.newPolicy');
  const fields = { draft, onChange: change, errors };
  const text = textInputs(draft, change, errors);

  return (
    <FormModal title={title} onClose={onClose} onSubmit={submit} size="xl">
      <Grid gap="sm">
        <Grid.Col span={SPAN.half}>
          <TextInput label={t('admin.name')} required {...text('name')} />
        </Grid.Col>
        <Grid.Col span={SPAN.quarter}>
          <NumberInput
            label={t('admin.sla.position')}
            description={t('admin.sla.positionHint')}
            min={0}
            value={draft.position}
            onChange={(position) => change({ position: Number(position) || 0 })}
            error={errors.position}
          />
        </Grid.Col>
        <Grid.Col span={SPAN.quarter} pt={{ base: 0, sm: 50 }}>
          <ActiveSwitch checked={draft.active} onChange={(active) => change({ active })} />
        </Grid.Col>
      </Grid>
      <Text size="sm" fw={500}>
        {t('admin.sla.conditions')}
      </Text>
      <ConditionFields {...fields} />
      <TargetFields {...fields} />
      <ClockFields {...fields} />
      <FormFooter save={save} errors={errors} onCancel={onClose} />
    </FormModal>
  );
}
