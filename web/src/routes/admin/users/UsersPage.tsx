// Users and roles: who may log in, as what, in which units.
import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminUsersQuery, createUser, updateUser } from '../../../api/admin.ts';
import { keys, unitsQuery } from '../../../api/queries.ts';
import type { Locale, Role, User } from '../../../api/contract.ts';
import { ROLES } from '../../../api/enums.ts';
import { RequireAbility } from '../../../components/Forbidden.tsx';
import { EmptyState, QueryStates } from '../../../components/states.tsx';
import { FormFooter, formErrors, useSaveAndClose } from '../form.tsx';

function UserForm({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const units = useQuery(unitsQuery);
  const [email, setEmail] = useState(user?.email ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'agent');
  const [locale, setLocale] = useState<Locale>(user?.locale ?? 'ru');
  const [password, setPassword] = useState('');
  const [unitIds, setUnitIds] = useState<string[]>(user?.unitIds ?? []);
  const [active, setActive] = useState(user?.active ?? true);
  const save = useSaveAndClose(keys.users, onClose);
  const errors = formErrors(save.error, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = { name: name.trim(), role, locale, unitIds, ...(password ? { password } : {}) };
    save.mutate(() =>
      user ? updateUser(user.id, { ...fields, active }) : createUser({ ...fields, email: email.trim() }),
    );
  };
  const title = user ? t('admin.users.edit') : t('admin.users.new');

  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack component="form" gap="sm" onSubmit={submit} aria-label={title}>
        <TextInput
          label={t('admin.users.email')}
          type="email"
          required={!user}
          disabled={!!user}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
        />
        <TextInput
          label={t('admin.users.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <Group grow>
          <Select
            label={t('admin.users.role')}
            value={role}
            onChange={(v) => v && setRole(v as Role)}
            allowDeselect={false}
            data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            error={errors.role}
          />
          <Select
            label={t('admin.users.locale')}
            value={locale}
            onChange={(v) => v && setLocale(v as Locale)}
            allowDeselect={false}
            data={[
              { value: 'ru', label: 'Русский' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Group>
        <MultiSelect
          label={t('admin.users.units')}
          searchable
          value={unitIds}
          onChange={setUnitIds}
          error={errors.unitIds}
          description={role === 'unit_responsible' ? t('admin.users.unitsHint') : undefined}
          data={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          nothingFoundMessage={t('common.nothingFound')}
        />
        <PasswordInput
          label={user ? t('admin.users.newPassword') : t('admin.users.password')}
          value={password}
          description={t('admin.users.passwordHint')}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
          autoComplete="new-password"
        />
        {user && (
          <Switch
            label={t('admin.users.active')}
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
          />
        )}
        <FormFooter save={save} errors={errors} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}

function Users() {
  const { t } = useTranslation();
  const users = useQuery(adminUsersQuery);
  const units = useQuery(unitsQuery);
  const unitName = new Map((units.data ?? []).map((u) => [u.id, u.name]));
  const [editing, setEditing] = useState<User | 'new' | null>(null);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('admin.users.intro')}
        </Text>
        <Button onClick={() => setEditing('new')}>{t('admin.users.new')}</Button>
      </Group>
      <QueryStates
        query={users}
        rows={5}
        isEmpty={(data) => data.length === 0}
        empty={<EmptyState title={t('admin.users.empty')} />}
      >
        {(data) => (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={640}>
              <Table
                verticalSpacing={6}
                fz="sm"
                highlightOnHover
                aria-label={t('admin.section.users')}
                data-testid="users-table"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('admin.users.name')}</Table.Th>
                    <Table.Th>{t('admin.users.email')}</Table.Th>
                    <Table.Th>{t('admin.users.role')}</Table.Th>
                    <Table.Th visibleFrom="md">{t('admin.users.units')}</Table.Th>
                    <Table.Th>{t('admin.state')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.map((u) => (
                    <Table.Tr key={u.id} c={u.active ? undefined : 'dimmed'}>
                      <Table.Td fw={500}>{u.name}</Table.Td>
                      <Table.Td>{u.email}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" tt="none">
                          {t(`role.${u.role}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td visibleFrom="md">
                        <Text size="sm" truncate maw={240}>
                          {u.unitIds.map((id) => unitName.get(id) ?? '…').join(', ') || '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {u.active ? (
                          <Badge variant="light" color="green" style={{ minWidth: 'max-content' }}>
                            {t('admin.activeYes')}
                          </Badge>
                        ) : (
                          <Badge variant="light" color="gray" style={{ minWidth: 'max-content' }}>
                            {t('admin.users.blocked')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          onClick={() => setEditing(u)}
                          aria-label={`${t('admin.edit')}: ${u.name}`}
                        >
                          {t('admin.edit')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </QueryStates>
      {editing && <UserForm user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
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
