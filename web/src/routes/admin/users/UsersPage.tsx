// Users and roles: who may log in, as what, in which units.
import { Badge, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { adminUsersQuery } from '../../../api/admin.ts';
import type { User } from '../../../api/contract.ts';
import { unitsQuery } from '../../../api/queries.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { RequireAbility } from '../../../components/Forbidden.tsx';
import { EmptyState } from '../../../components/states.tsx';
import { ActiveBadge, EditButton, ListHeader, useEditing } from '../list.tsx';
import { UserForm } from './UserForm.tsx';

function Users() {
  const { t } = useTranslation();
  const users = useQuery(adminUsersQuery);
  const units = useQuery(unitsQuery);
  const unitName = new Map((units.data ?? []).map((unit) => [unit.id, unit.name]));
  const { editing, edit, create, close } = useEditing<User>();

  return (
    <Stack gap="sm">
      <ListHeader intro={t('admin.users.intro')} newLabel={t('admin.users.new')} onNew={create} />
      <DataTable
        query={users}
        rows={(data) => data}
        rowKey={(user) => user.id}
        rowProps={(user) => ({ c: user.active ? undefined : 'dimmed' })}
        columns={[
          { header: t('admin.users.name'), cellProps: () => ({ fw: 500 }), cell: (user) => user.name },
          { header: t('admin.users.email'), cell: (user) => user.email },
          {
            header: t('admin.users.role'),
            cell: (user) => (
              <Badge variant="light" tt="none">
                {t(`role.${user.role}`)}
              </Badge>
            ),
          },
          {
            header: t('admin.users.units'),
            wide: true,
            cell: (user) => (
              <Text size="sm" truncate maw={240}>
                {user.unitIds.map((id) => unitName.get(id) ?? '…').join(', ') || '—'}
              </Text>
            ),
          },
          {
            header: t('admin.state'),
            cell: (user) => <ActiveBadge active={user.active} inactiveLabel={t('admin.users.blocked')} />,
          },
        ]}
        actions={(user) => <EditButton name={user.name} onClick={() => edit(user)} />}
        empty={<EmptyState title={t('admin.users.empty')} />}
        label={t('admin.section.users')}
        testId="users-table"
        skeletonRows={5}
        highlightOnHover
      />
      {editing !== undefined && <UserForm user={editing} onClose={close} />}
    </Stack>
  );
}

export function UsersPage() {
  return (
    <RequireAbility ability="manageUsers">
      <Users />
    </RequireAbility>
  );
}
