// Status, priority, category, owner and unit of an appeal, each changed in place.
import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Appeal, Priority, Status } from '../../api/contract.ts';
import { PRIORITIES, STATUSES } from '../../api/enums.ts';
import { abilities, useMe } from '../../auth/session.ts';
import { useDirectory } from '../../lib/directory.ts';
import { useAppealActions } from './useAppealActions.ts';

const OWNER_ROLES = new Set(['admin', 'cs_head', 'supervisor', 'agent']);

export function PropertiesPanel({ appeal: a }: { appeal: Appeal }) {
  const { t } = useTranslation();
  const me = useMe();
  const can = abilities(me.role);
  const dir = useDirectory();
  const { update, assign } = useAppealActions(a.id);
  const editable = can.workAppeals;
  const categories = dir.categories.filter((c) => c.active && c.kinds.includes(a.kind));

  return (
    <Paper withBorder p="sm" aria-labelledby="props-title" data-testid="props-panel">
      <Title order={3} size="h5" mb="xs" id="props-title">
        {t('appeal.properties')}
      </Title>
      <Stack gap="xs">
        <Select
          label={t('appeal.status')}
          data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={a.status}
          onChange={(v) => v && v !== a.status && update.mutate({ status: v as Status })}
          disabled={!editable || update.isPending}
          allowDeselect={false}
          data-testid="status-select"
        />
        <Select
          label={t('appeal.priority')}
          data={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
          value={a.priority}
          onChange={(v) => v && v !== a.priority && update.mutate({ priority: v as Priority })}
          disabled={!editable || update.isPending}
          allowDeselect={false}
        />
        <Select
          label={t('appeal.category')}
          placeholder={t('appeal.noCategory')}
          clearable
          searchable
          data={categories.map((c) => ({ value: c.id, label: dir.categoryName(c) }))}
          value={a.categoryId}
          onChange={(v) => v !== a.categoryId && update.mutate({ categoryId: v })}
          disabled={!editable || update.isPending}
          nothingFoundMessage={t('common.nothingFound')}
        />
        <Stack gap={4}>
          {can.assignAny ? (
            <Select
              label={t('appeal.owner')}
              placeholder={t('appeal.unassigned')}
              clearable
              searchable
              data={dir.users
                .filter((u) => u.active && OWNER_ROLES.has(u.role))
                .map((u) => ({ value: u.id, label: u.name }))}
              value={a.ownerId}
              onChange={(v) => v !== a.ownerId && assign.mutate(v)}
              disabled={assign.isPending}
              nothingFoundMessage={t('common.nothingFound')}
            />
          ) : (
            <>
              <Text size="sm" fw={500}>
                {t('appeal.owner')}
              </Text>
              <Text size="sm" c={a.ownerId ? undefined : 'dimmed'}>
                {a.ownerId ? dir.userName(a.ownerId) : t('appeal.unassigned')}
              </Text>
            </>
          )}
          {editable && a.ownerId !== me.id && (
            <Group>
              <Button size="xs" variant="light" onClick={() => assign.mutate(me.id)} loading={assign.isPending}>
                {t('appeal.take')}
              </Button>
            </Group>
          )}
        </Stack>
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {t('appeal.unit')}
          </Text>
          <Text size="sm">{dir.unitName(a.unitId)}</Text>
        </Stack>
      </Stack>
    </Paper>
  );
}
