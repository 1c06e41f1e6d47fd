// A user's form: e-mail (the login, set once), name, role, language, units, a password, and whether they may log in.
import { Group, MultiSelect, PasswordInput, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createUser, updateUser } from '../../../api/admin.ts';
import type { Locale, Role, User } from '../../../api/contract.ts';
import { ROLES } from '../../../api/enums.ts';
import { keys, unitsQuery } from '../../../api/queries.ts';
import { LANGUAGE_OPTIONS } from '../../../i18n/index.ts';
import { textInputs } from '../../../lib/form-draft.ts';
import { ActiveSwitch, formErrors, FormFooter, FormModal, useSaveAndClose } from '../form.tsx';

export function UserForm({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const units = useQuery(unitsQuery);
  const [draft, setDraft] = useState(() => ({
    email: user?.email ?? '',
    name: user?.name ?? '',
    role: user?.role ?? ('agent' as Role),
    locale: user?.locale ?? ('ru' as Locale),
    password: '',
    unitIds: user?.unitIds ?? [],
    active: user?.active ?? true,
  }));
  const change = (patch: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...patch }));
  const save = useSaveAndClose(keys.users, onClose);
  const errors = formErrors(save.error, t);
  const text = textInputs(draft, change, errors);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { email, name, role, locale, password, unitIds, active } = draft;
    const fields = { name: name.trim(), role, locale, unitIds, ...(password ? { password } : {}) };
    save.mutate(() =>
      user ? updateUser(user.id, { ...fields, active }) : createUser({ ...fields, email: email.trim() }),
    );
  };
  const title = user ? t('admin.users.edit') : t('admin.users.new');

  return (
    <FormModal title={title} onClose={onClose} onSubmit={submit}>
      <TextInput label={t('admin.users.email')} type="email" required={!user} disabled={!!user} {...text('email')} />
      <TextInput label={t('admin.users.name')} required {...text('name')} />
      <Group grow>
        <Select
          label={t('admin.users.role')}
          value={draft.role}
          onChange={(role) => role && change({ role: role as Role })}
          allowDeselect={false}
          data={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          error={errors.role}
        />
        <Select
          label={t('admin.users.locale')}
          value={draft.locale}
          onChange={(locale) => locale && change({ locale: locale as Locale })}
          allowDeselect={false}
          data={LANGUAGE_OPTIONS}
        />
      </Group>
      <MultiSelect
        label={t('admin.users.units')}
        searchable
        value={draft.unitIds}
        onChange={(unitIds) => change({ unitIds })}
        error={errors.unitIds}
        description={draft.role === 'unit_responsible' ? t('admin.users.unitsHint') : undefined}
        data={(units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
        nothingFoundMessage={t('common.nothingFound')}
      />
      <PasswordInput
        label={user ? t('admin.users.newPassword') : t('admin.users.password')}
        description={t('admin.users.passwordHint')}
        {...text('password')}
        autoComplete="new-password"
      />
      {user && (
        <ActiveSwitch
          label={t('admin.users.active')}
          checked={draft.active}
          onChange={(active) => change({ active })}
        />
      )}
      <FormFooter save={save} errors={errors} onCancel={onClose} />
    </FormModal>
  );
}
