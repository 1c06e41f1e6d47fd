// Status, priority, category, owner and unit of an appeal, each changed in place.
import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Appeal, Priority, Role, Status } from '../../api/contract.ts';
import { PRIORITIES, STATUSES } from '../../api/enums.ts';
import { abilities, useMe } from '../../auth/session.ts';
import { useDirectory } from '../../lib/directory.ts';
import { useAppealActions } from './useAppealActions.ts';

/** Who may own an appeal: the roles that work them. */
const OWNER_ROLES: ReadonlySet<Role> = new Set(['admin', 'cs_head', 'supervisor', 'agent']);

/** The owner: chosen from the staff by those who assign, shown to others; "take" for one who works appeals. */
function OwnerField({ appeal }: { appeal: Appeal }) {
  const { t } = useTranslation();
  const me = useMe();
  const can = abilities(me.role);
  const directory = useDirectory();
  const { assign } = useAppealActions(appeal.id);
  const owners = directory.users.filter((user) => user.active && OWNER_ROLES.has(user.role));
  return (
    <Stack gap={4}>
      {can.assignAny ? (
        <Select
          label={t('appeal.owner')}
          placeholder={t('appeal.unassigned')}
          clearable
          searchable
          data={owners.map((user) => ({ value: user.id, label: user.name }))}
          value={appeal.ownerId}
          onChange={(ownerId) => ownerId !== appeal.ownerId && assign.mutate(ownerId)}
          disabled={assign.isPending}
          nothingFoundMessage={t('common.nothingFound')}
        />
      ) : (
        <>
          <Text size="sm" fw={500}>
            {t('appeal.owner')}
          </Text>
          <Text size="sm" c={appeal.ownerId ? undefined : 'dimmed'}>
            {appeal.ownerId ? directory.userName(appeal.ownerId) : t('appeal.unassigned')}
          </Text>
        </>
      )}
      {can.workAppeals && appeal.ownerId !== me.id && (
        <Group>
          <Button size="xs" variant="light" onClick={() => assign.mutate(me.id)} loading={assign.isPending}>
            {t('appeal.take')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function PropertiesPanel({ appeal }: { appeal: Appeal }) {
  const { t } = useTranslation();
  const editable = abilities(useMe().role).workAppeals;
  const directory = useDirectory();
  const { update } = useAppealActions(appeal.id);
  const categories = directory.categories.filter((category) => category.active && category.kinds.includes(appeal.kind));
  const locked = !editable || update.isPending;

  return (
    <Paper withBorder p="sm" aria-labelledby="props-title" data-testid="props-panel">
      <Title order={3} size="h5" mb="xs" id="props-title">
        {t('appeal.properties')}
      </Title>
      <Stack gap="xs">
        <Select
          label={t('appeal.status')}
          data={STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          value={appeal.status}
          onChange={(status) => status && status !== appeal.status && update.mutate({ status: status as Status })}
          disabled={locked}
          allowDeselect={false}
          data-testid="status-select"
        />
        <Select
          label={t('appeal.priority')}
          data={PRIORITIES.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
          value={appeal.priority}
          onChange={(priority) =>
            priority && priority !== appeal.priority && update.mutate({ priority: priority as Priority })
          }
          disabled={locked}
          allowDeselect={false}
        />
        <Select
          label={t('appeal.category')}
          placeholder={t('appeal.noCategory')}
          clearable
          searchable
          data={categories.map((category) => ({ value: category.id, label: directory.categoryName(category) }))}
          value={appeal.categoryId}
          onChange={(categoryId) => categoryId !== appeal.categoryId && update.mutate({ categoryId })}
          disabled={locked}
          nothingFoundMessage={t('common.nothingFound')}
        />
        <OwnerField appeal={appeal} />
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {t('appeal.unit')}
          </Text>
          <Text size="sm">{directory.unitName(appeal.unitId)}</Text>
        </Stack>
      </Stack>
    </Paper>
  );
}
