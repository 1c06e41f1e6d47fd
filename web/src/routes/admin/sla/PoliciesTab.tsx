// SLA policies in the order they are tried: when each applies, its targets, whether it is active.
import { Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { policiesQuery } from '../../../api/admin.ts';
import type { SlaPolicy } from '../../../api/contract.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { EmptyState } from '../../../components/states.tsx';
import { ActiveBadge, EditButton, ListHeader, useEditing } from '../list.tsx';
import { PolicyForm } from './PolicyForm.tsx';

/** When a policy applies, in words: its kinds, channels, priorities, unit types and units; or "any appeal". */
function useConditionsText() {
  const { t } = useTranslation();
  return ({ conditions }: SlaPolicy) => {
    const parts = [
      ...(conditions.kinds ?? []).map((kind) => t(`kind.${kind}`)),
      ...(conditions.channels ?? []).map((channel) => t(`channel.${channel}`)),
      ...(conditions.priorities ?? []).map((priority) => t(`priority.${priority}`)),
      ...(conditions.unitTypes ?? []).map((unitType) => t(`unitType.${unitType}`)),
    ];
    if (conditions.unitIds?.length) {
      parts.push(t('admin.sla.unitsCount', { count: conditions.unitIds.length }));
    }
    return parts.length ? parts.join(', ') : t('admin.sla.anyAppeal');
  };
}

export function PoliciesTab() {
  const { t } = useTranslation();
  const policies = useQuery(policiesQuery);
  const conditionsText = useConditionsText();
  const { editing, edit, create, close } = useEditing<SlaPolicy>();
  return (
    <Stack gap="sm">
      <ListHeader intro={t('admin.sla.policiesIntro')} newLabel={t('admin.sla.newPolicy')} onNew={create} />
      <DataTable
        query={policies}
        rows={(data) => [...data].sort((first, second) => first.position - second.position)}
        rowKey={(policy) => policy.id}
        rowProps={(policy) => ({ c: policy.active ? undefined : 'dimmed' })}
        columns={[
          { header: '#', cell: (policy) => policy.position },
          { header: t('admin.name'), cellProps: () => ({ fw: 500 }), cell: (policy) => policy.name },
          {
            header: t('admin.sla.conditions'),
            cell: (policy) => (
              <Text size="sm" maw={260}>
                {conditionsText(policy)}
              </Text>
            ),
          },
          {
            header: t('admin.sla.targets'),
            cell: (policy) =>
              policy.targets.map((target) => (
                <Text key={target.metric} size="xs">
                  {t(`sla.metric.${target.metric}`)}: {t('admin.sla.minutesShort', { count: target.minutes })}
                </Text>
              )),
          },
          { header: t('admin.state'), cell: (policy) => <ActiveBadge active={policy.active} /> },
        ]}
        actions={(policy) => <EditButton name={policy.name} onClick={() => edit(policy)} />}
        empty={<EmptyState title={t('admin.sla.noPolicies')} />}
        label={t('admin.sla.policies')}
        testId="policies-table"
        skeletonRows={3}
      />
      {editing !== undefined && <PolicyForm policy={editing} onClose={close} />}
    </Stack>
  );
}
